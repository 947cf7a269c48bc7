/**
 * The host's view of a running pipeline: folds the tallies of every producer and consumer
 * into live samples and final totals, and checks exactly-once delivery per producer.
 */
import { percentile, summarizeLatency } from '../stats/percentiles';
import type { PipelinePhase, PipelineSample, PipelineTotals } from './pipeline-result';
import type { ConsumerTally, PipelineTally, ProducerTally } from './pipeline-tally';
import { Reservoir } from './reservoir';

/** Latencies kept for the run's percentiles; a uniform sample beyond that. */
const RUN_LATENCY_SAMPLE = 100_000;
/** Latencies kept per live sample. */
const WINDOW_LATENCY_SAMPLE = 10_000;
/**
 * Live rates cover the last second, not just the last sample's 250 ms: tallies arrive every
 * 50 ms or so, and a short window would swing with how many of them it happened to catch.
 */
const RATE_WINDOW_MS = 1000;

/** Running totals at one moment, for rates over a window ending later. */
interface Mark {
  epochMs: number;
  produced: number;
  consumed: number;
  lockWaitMs: number;
}

/** Which seqs of one producer have been consumed: one bit each, grown as seqs rise. */
class SeenSeqs {
  private bits = new Uint8Array(1024);

  /** Marks `seq`; false when it was already marked (a duplicate). */
  mark(seq: number): boolean {
    const byte = seq >>> 3;
    if (byte >= this.bits.length) {
      let size = this.bits.length;
      while (size <= byte) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (seq & 7);
    if ((this.bits[byte]! & mask) !== 0) return false;
    this.bits[byte]! |= mask;
    return true;
  }
}

/** Figures that come from the queue itself rather than from the tallies. */
export interface QueueFigures {
  leftInQueue: number;
  maxDepth: number;
  terminated: number;
}

/** Times of the run's phases, epoch ms. */
export interface PhaseTimes {
  goEpochMs: number;
  stopEpochMs: number;
  endEpochMs: number;
}

/** Collects tallies; `sample` and `totals` read them out. */
export class PipelineMetrics {
  private produced = 0;
  private consumed = 0;
  private duplicates = 0;
  private outOfOrder = 0;
  private lockWaitMs = 0;
  private producerBlockedMs = 0;
  private digest = 0;
  private latencySum = 0;
  private latencyMax = 0;
  private readonly runLatencies = new Reservoir(RUN_LATENCY_SAMPLE);
  private readonly seen = new Map<number, SeenSeqs>();
  private marks: Mark[] = [{ epochMs: 0, produced: 0, consumed: 0, lockWaitMs: 0 }];
  private readonly windowLatencies = new Reservoir(WINDOW_LATENCY_SAMPLE);

  constructor(private readonly hasLock: boolean) {}

  /** Starts the first live window at `epochMs` (the go signal). */
  begin(epochMs: number): void {
    this.marks = [{ epochMs, ...this.runningTotals() }];
  }

  private runningTotals(): Omit<Mark, 'epochMs'> {
    return { produced: this.produced, consumed: this.consumed, lockWaitMs: this.lockWaitMs };
  }

  add(tally: PipelineTally): void {
    if (tally.role === 'producer') this.addProducer(tally);
    else this.addConsumer(tally);
  }

  private addProducer(tally: ProducerTally): void {
    this.produced += tally.produced;
    this.producerBlockedMs += tally.blockedMs;
    this.lockWaitMs += tally.lockWaitMs;
  }

  private addConsumer(tally: ConsumerTally): void {
    this.consumed += tally.consumed;
    this.outOfOrder += tally.outOfOrder;
    this.lockWaitMs += tally.lockWaitMs;
    this.digest = (this.digest ^ tally.digest) >>> 0;
    for (let i = 0; i + 1 < tally.events.length; i += 2) {
      const producer = tally.events[i]!;
      let seqs = this.seen.get(producer);
      if (!seqs) this.seen.set(producer, (seqs = new SeenSeqs()));
      if (!seqs.mark(tally.events[i + 1]!)) this.duplicates++;
    }
    for (const latency of tally.latenciesMs) {
      this.runLatencies.add(latency);
      this.windowLatencies.add(latency);
      this.latencySum += latency;
      if (latency > this.latencyMax) this.latencyMax = latency;
    }
  }

  /**
   * The live sample at `epochMs`: rates over the last second, latency percentiles over the
   * events consumed since the previous sample.
   */
  sample(epochMs: number, elapsedMs: number, depth: number, phase: PipelinePhase): PipelineSample {
    const now: Mark = { epochMs, ...this.runningTotals() };
    // The oldest mark still inside the rate window (or the start, early in the run).
    while (this.marks.length > 1 && this.marks[1]!.epochMs <= epochMs - RATE_WINDOW_MS) {
      this.marks.shift();
    }
    const from = this.marks[0]!;
    this.marks.push(now);
    const seconds = Math.max(1e-3, (epochMs - from.epochMs) / 1000);
    const latencies = Float64Array.from(this.windowLatencies.sample()).sort();
    const sorted = Array.from(latencies);
    const sample: PipelineSample = {
      t: epochMs,
      elapsedMs: Math.max(0, elapsedMs),
      phase,
      producedPerSec: (now.produced - from.produced) / seconds,
      consumedPerSec: (now.consumed - from.consumed) / seconds,
      depth,
      latencyP50Ms: sorted.length > 0 ? percentile(sorted, 50) : null,
      latencyP99Ms: sorted.length > 0 ? percentile(sorted, 99) : null,
      lockWaitMsPerSec: this.hasLock ? (now.lockWaitMs - from.lockWaitMs) / seconds : null,
    };
    this.windowLatencies.clear();
    return sample;
  }

  /** Events produced and consumed so far. */
  counts(): { produced: number; consumed: number } {
    return { produced: this.produced, consumed: this.consumed };
  }

  /** The run's totals, once every participant has ended. */
  totals(queue: QueueFigures, times: PhaseTimes): PipelineTotals {
    const runSeconds = Math.max(1e-3, (times.stopEpochMs - times.goEpochMs) / 1000);
    const allSeconds = Math.max(1e-3, (times.endEpochMs - times.goEpochMs) / 1000);
    const summary = summarizeLatency(this.runLatencies.sample());
    const count = this.runLatencies.count;
    return {
      produced: this.produced,
      consumed: this.consumed,
      leftInQueue: queue.leftInQueue,
      lost: this.produced - this.consumed - queue.leftInQueue,
      duplicates: this.duplicates,
      outOfOrder: this.outOfOrder,
      maxDepth: queue.maxDepth,
      producedPerSec: this.produced / runSeconds,
      consumedPerSec: this.consumed / allSeconds,
      // Mean and max are exact; the percentiles come from the sample.
      latency: {
        ...summary,
        meanMs: count > 0 ? this.latencySum / count : 0,
        maxMs: this.latencyMax,
      },
      lockWaitMs: this.hasLock ? this.lockWaitMs : null,
      producerBlockedMs: this.producerBlockedMs,
      terminated: queue.terminated,
      digest: this.digest,
    };
  }
}
