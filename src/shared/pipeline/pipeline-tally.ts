/**
 * What producers and consumers count while they run, and send to the host in small deltas
 * (every ~50 ms and once at the end), whatever carries the message.
 */
import type { PipelineEvent } from './pipeline-event';
import { epochNowMs } from '../protocol';

/** A producer's counts since its previous tally. */
export interface ProducerTally {
  role: 'producer';
  index: number;
  /** Events put into the queue. */
  produced: number;
  /** Time spent waiting for room in a full queue (backpressure). */
  blockedMs: number;
  /** Time spent waiting for the queue's lock (shared-memory queues only). */
  lockWaitMs: number;
  /** Time spent waiting for the next event to be due: nothing to do yet. */
  idleMs: number;
  /** Time a message to or from the broker was under way (message passing only). */
  messagingMs: number;
  /** True on the last tally, sent just before the producer exits. */
  isFinal: boolean;
}

/** A consumer's counts since its previous tally. */
export interface ConsumerTally {
  role: 'consumer';
  index: number;
  /** Events taken and fully processed. */
  consumed: number;
  /** Each consumed event's producer and seq, flattened: [p0, s0, p1, s1, …]. */
  events: number[];
  /** End-to-end latency of each consumed event (emit → processed), ms. */
  latenciesMs: number[];
  /** Events whose seq was not above the last one this consumer saw from the same producer. */
  outOfOrder: number;
  lockWaitMs: number;
  /** Time spent waiting for an event while the queue was empty: nothing to do. */
  idleMs: number;
  /** Time a message to or from the broker was under way (message passing only). */
  messagingMs: number;
  /** XOR of the work kernel's digests: the work's result, so it cannot be skipped. */
  digest: number;
  isFinal: boolean;
}

export type PipelineTally = ProducerTally | ConsumerTally;

/** How often a participant sends its tally while it runs. */
export const TALLY_INTERVAL_MS = 50;

/** A producer's running counts; `take` hands out the delta and starts a new one. */
/** The waits both roles report, from which the engine splits their off-CPU time. */
class WaitCounter {
  protected idleMs = 0;
  protected messagingMs = 0;

  /** Counts time waiting for work: an empty queue, or an event not yet due. */
  addIdle(ms: number): void {
    this.idleMs += Math.max(0, ms);
  }

  /** Counts time a message to or from the broker was under way. */
  addMessaging(ms: number): void {
    this.messagingMs += Math.max(0, ms);
  }

  /** The waits since the last call, which starts new ones. */
  protected takeWaits(): { idleMs: number; messagingMs: number } {
    const waits = { idleMs: this.idleMs, messagingMs: this.messagingMs };
    this.idleMs = 0;
    this.messagingMs = 0;
    return waits;
  }
}

export class ProducerCounter extends WaitCounter {
  private produced = 0;
  private blockedMs = 0;
  private lockWaitMs = 0;
  private lastFlushMs = epochNowMs();

  constructor(private readonly index: number) {
    super();
  }

  /** Counts one event put into the queue after `blockedMs` of waiting for room. */
  recordPut(blockedMs: number): void {
    this.produced++;
    this.blockedMs += blockedMs;
  }

  addLockWait(ms: number): void {
    this.lockWaitMs += ms;
  }

  /** True when the last tally is older than TALLY_INTERVAL_MS. */
  isDue(nowMs = epochNowMs()): boolean {
    return nowMs - this.lastFlushMs >= TALLY_INTERVAL_MS;
  }

  take(isFinal: boolean): ProducerTally {
    const tally: ProducerTally = {
      role: 'producer',
      index: this.index,
      produced: this.produced,
      blockedMs: this.blockedMs,
      lockWaitMs: this.lockWaitMs,
      ...this.takeWaits(),
      isFinal,
    };
    this.produced = 0;
    this.blockedMs = 0;
    this.lockWaitMs = 0;
    this.lastFlushMs = epochNowMs();
    return tally;
  }
}

/** A consumer's running counts, including its own check of each producer's order. */
export class ConsumerCounter extends WaitCounter {
  private consumed = 0;
  private events: number[] = [];
  private latenciesMs: number[] = [];
  private outOfOrder = 0;
  private lockWaitMs = 0;
  private digest = 0;
  private lastFlushMs = epochNowMs();
  /** The last seq this consumer saw from each producer; one queue is FIFO, so they rise. */
  private readonly lastSeq = new Map<number, number>();

  constructor(private readonly index: number) {
    super();
  }

  /** Counts one processed event, its work's digest, and when processing ended. */
  recordConsumed(event: PipelineEvent, digest: number, doneEpochMs: number): void {
    const last = this.lastSeq.get(event.producer);
    if (last !== undefined && event.seq <= last) this.outOfOrder++;
    this.lastSeq.set(event.producer, event.seq);
    this.consumed++;
    this.events.push(event.producer, event.seq);
    this.latenciesMs.push(doneEpochMs - event.sendEpochMs);
    this.digest = (this.digest ^ digest) >>> 0;
  }

  addLockWait(ms: number): void {
    this.lockWaitMs += ms;
  }

  isDue(nowMs = epochNowMs()): boolean {
    return nowMs - this.lastFlushMs >= TALLY_INTERVAL_MS;
  }

  take(isFinal: boolean): ConsumerTally {
    const tally: ConsumerTally = {
      role: 'consumer',
      index: this.index,
      consumed: this.consumed,
      events: this.events,
      latenciesMs: this.latenciesMs,
      outOfOrder: this.outOfOrder,
      lockWaitMs: this.lockWaitMs,
      ...this.takeWaits(),
      digest: this.digest,
      isFinal,
    };
    this.consumed = 0;
    this.events = [];
    this.latenciesMs = [];
    this.outOfOrder = 0;
    this.lockWaitMs = 0;
    this.digest = 0;
    this.lastFlushMs = epochNowMs();
    return tally;
  }
}
