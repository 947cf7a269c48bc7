/** Plain-words readings of a pipeline result, shared by the CLI and the UI. */
import { formatMs } from '../format';
import { MODELS } from '../models';
import type { PipelineResult, PipelineTotals } from './pipeline-result';

/** True when every event was delivered exactly once and in order per producer. */
export function isExactlyOnce(totals: PipelineTotals): boolean {
  return totals.lost === 0 && totals.duplicates === 0 && totals.outOfOrder === 0;
}

/** What the queue was, in a few words. */
export function transportLabel(result: Pick<PipelineResult, 'transport' | 'model'>): string {
  // Python's queues are their own: name them rather than the JavaScript equivalent.
  const ownQueue = MODELS[result.model].pipeline?.queue;
  if (ownQueue) return ownQueue;
  switch (result.transport) {
    case 'async-queue':
      return 'async queue (one thread)';
    case 'shared-memory':
      return 'shared memory + Atomics lock';
    case 'message-passing':
      return 'message passing via a broker';
  }
}

/** How the run ended, as one sentence. */
export function describeStop(result: PipelineResult): string {
  const drain = formatMs(result.drainMs);
  switch (result.stopReason) {
    case 'duration':
      return `The duration ended; producers stopped and consumers drained the queue in ${drain}.`;
    case 'stopped':
      return `Stopped: producers stopped first and consumers drained the queue in ${drain}.`;
    case 'forced':
      return result.totals.terminated > 0
        ? `Forced stop: ${result.totals.terminated} participant(s) did not finish in time and were terminated; the queue kept ${result.totals.leftInQueue} event(s).`
        : `Forced stop: everyone finished the event in hand and left within ${drain}; the queue kept ${result.totals.leftInQueue} event(s).`;
    case 'failed':
      return `The pipeline failed: ${result.error?.message ?? 'a participant ended early'}.`;
  }
}
