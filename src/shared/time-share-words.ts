/** Where a model's worker time went, in one sentence: the same words in the CLI and the UI. */
import { formatPercent } from './format';
import { MODELS, describeWorkers } from './models';
import {
  THREAD_STATE_LABELS,
  THREAD_STATES,
  type ModelResult,
  type ThreadState,
  type TimeShares,
} from './results';

/** A share that says something worth a sentence of its own. */
const NOTABLE_SHARE = 0.2;

/** The shares with their labels and values, measured ones only. */
export function measuredShares(shares: TimeShares): { state: ThreadState; share: number }[] {
  return THREAD_STATES.flatMap((state) => {
    const share = shares[state];
    return share === null ? [] : [{ state, share }];
  });
}

/** The largest share besides running that is worth a sentence, or null. */
export function notableShare(shares: TimeShares): { state: ThreadState; share: number } | null {
  return (
    measuredShares(shares)
      .filter((s) => s.state !== 'running' && s.share >= NOTABLE_SHARE)
      .sort((a, b) => b.share - a.share)[0] ?? null
  );
}

/** Why the time could not be split, when nothing of the split was read; else null. */
export function timeSharesUnavailable(shares: TimeShares): string | null {
  return shares.running === null ? (shares.unavailableReason ?? 'not measured') : null;
}

/** The sentence for shares that could not be split: all of them, or all but the timings' part. */
export function unavailableSentence(shares: TimeShares, reason: string): string {
  return shares.idle === null
    ? `Where the time went is unavailable: ${reason}.`
    : `Running, waiting for a core and blocked are unavailable: ${reason}.`;
}

/**
 * One sentence on the largest share that is not running, e.g. "Python threads were blocked
 * 49% of the time: only one thread holds the GIL", or "With 4 workers on 2 cores, each worker
 * waited for a core 51% of the time".
 */
export function timeShareSentence(result: ModelResult): string {
  const unavailable = timeSharesUnavailable(result.timeShares);
  if (unavailable !== null) return unavailableSentence(result.timeShares, unavailable);
  const { model } = result;
  const notable = notableShare(result.timeShares);
  const running = formatPercent(result.timeShares.running ?? 0);
  if (!notable) return `The ${workerWords(result)} ran on a core ${running} of the time.`;
  const share = formatPercent(notable.share);
  switch (notable.state) {
    case 'waitingForCore': {
      const cores = result.interference?.logicalCores;
      const on = cores ? ` on ${cores} ${cores === 1 ? 'core' : 'cores'}` : '';
      return `With ${describeWorkers(model, result.workers)}${on}, each waited for a core ${share} of the time.`;
    }
    case 'blocked':
      return blockedSentence(result, share);
    case 'idle':
      return `The ${workerWords(result)} were idle ${share} of the time: no task was left for them.`;
    case 'messaging':
      return `${share} of the time went between tasks, on messages to and from the ${workerWords(result)}.`;
    case 'running':
      return `The ${workerWords(result)} ran on a core ${running} of the time.`;
  }
}

/** "Python threads", "worker threads": what the model's workers are, for a sentence. */
function workerWords(result: ModelResult): string {
  if (result.model === 'python-threading') return 'Python threads';
  return MODELS[result.model].isParallel ? 'workers' : 'tasks in flight';
}

/** Why the workers were asleep, as far as the model tells. */
function blockedSentence(result: ModelResult, share: string): string {
  const { model, workload } = result;
  const isCpu = workload.startsWith('cpu.');
  if (model === 'python-threading' && isCpu && result.workers > 1) {
    return `Python threads were ${THREAD_STATE_LABELS.blocked} ${share} of the time: only one thread holds the GIL.`;
  }
  if (!MODELS[model].isParallel && isCpu && result.workers > 1) {
    return `Tasks in flight were ${THREAD_STATE_LABELS.blocked} ${share} of the time: one event-loop thread runs one task at a time.`;
  }
  return `The ${workerWords(result)} were ${THREAD_STATE_LABELS.blocked} ${share} of the time: asleep on I/O, a timer, a lock or a message.`;
}
