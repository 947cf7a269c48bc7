/**
 * An independent check of exactly-once delivery: wraps a pipeline backend, keeps every
 * tally it reports, and afterwards checks each producer's seqs one by one, without
 * PipelineMetrics' own bookkeeping.
 */
import type { PipelineBackend } from '../../src/shared/pipeline/pipeline-backend';
import type { PipelineTally } from '../../src/shared/pipeline/pipeline-tally';

export interface LedgerReport {
  /** Per producer: how many it says it produced. */
  produced: number[];
  /** (producer, seq) pairs seen more than once. */
  duplicates: number;
  /** Seqs below a producer's count that no consumer reported. */
  missing: number;
  /** Seqs at or above a producer's count (reported but never produced). */
  phantoms: number;
  /** Consumers that saw a producer's seqs go backwards. */
  outOfOrder: number;
  consumed: number;
}

/** Wraps `backend`; `report()` checks the tallies seen so far. */
export function withLedger(backend: PipelineBackend): {
  backend: PipelineBackend;
  report(leftInQueue: number): LedgerReport;
} {
  const tallies: PipelineTally[] = [];
  const wrapped: PipelineBackend = {
    ...backend,
    transport: backend.transport,
    start: (onTally, onFailure) =>
      backend.start((tally) => {
        tallies.push(structuredClone(tally));
        onTally(tally);
      }, onFailure),
    ended: backend.ended,
  };
  return {
    backend: wrapped,
    report(leftInQueue) {
      const produced: number[] = [];
      const seen = new Map<number, Map<number, number>>();
      const lastByConsumer = new Map<string, number>();
      let outOfOrder = 0;
      let consumed = 0;
      for (const tally of tallies) {
        if (tally.role === 'producer') {
          produced[tally.index] = (produced[tally.index] ?? 0) + tally.produced;
          continue;
        }
        consumed += tally.consumed;
        for (let i = 0; i < tally.events.length; i += 2) {
          const producer = tally.events[i]!;
          const seq = tally.events[i + 1]!;
          const counts = seen.get(producer) ?? new Map<number, number>();
          seen.set(producer, counts);
          counts.set(seq, (counts.get(seq) ?? 0) + 1);
          const key = `${tally.index}:${producer}`;
          if ((lastByConsumer.get(key) ?? -1) >= seq) outOfOrder++;
          lastByConsumer.set(key, seq);
        }
      }
      let duplicates = 0;
      let missing = 0;
      let phantoms = 0;
      for (const [producer, counts] of seen) {
        for (const [seq, count] of counts) {
          if (count > 1) duplicates += count - 1;
          if (seq >= (produced[producer] ?? 0)) phantoms++;
        }
      }
      produced.forEach((count, producer) => {
        const counts = seen.get(producer);
        for (let seq = 0; seq < count; seq++) if (!counts?.has(seq)) missing++;
      });
      // Events still queued at a forced stop were produced but not consumed: not missing.
      return {
        produced,
        duplicates,
        missing: missing - leftInQueue,
        phantoms,
        outOfOrder,
        consumed,
      };
    },
  };
}
