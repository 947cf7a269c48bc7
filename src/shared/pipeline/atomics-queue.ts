/**
 * A bounded ring buffer in a SharedArrayBuffer, shared by threads (worker_threads, Web
 * Workers): one mutex and two condition variables built from Atomics.wait/notify, as a
 * futex-based pthread queue is. Producers wait on "not full", consumers on "not empty".
 *
 * Layout: a header of Int32 words, then `capacity` slots of four Float64s (producer, seq,
 * value, sendEpochMs). Slots are read and written only under the mutex, whose Atomics
 * operations order those plain accesses between threads.
 */
import { invalidArgument } from '../errors';
import type { PipelineEvent } from './pipeline-event';

const MUTEX = 0;
const NOT_FULL = 1;
const NOT_EMPTY = 2;
const HEAD = 3;
const COUNT = 4;
const CAPACITY = 5;
const PRODUCERS_LEFT = 6;
/** Set by the host: producers stop. Also the word producers sleep on between events. */
const STOP_PRODUCERS = 7;
const HALT = 8;
const GO = 9;
const MAX_DEPTH = 10;
/** Set by the host once every producer has gone (a crashed one never says so itself). */
const PRODUCERS_GONE = 11;
const HEADER_WORDS = 16;
const SLOT_FLOATS = 4;

/** What a blocking put or take returns besides success. */
export type WaitOutcome = 'timeout' | 'closed';

/** Milliseconds on a monotonic clock (workers, pages and Node all have performance). */
const nowMs = (): number => performance.now();

/** The queue as every thread sees it; construct one per thread from the same buffer. */
export class AtomicsRingQueue {
  private readonly header: Int32Array;
  private readonly slots: Float64Array;
  private readonly capacity: number;
  private lockWaitMs = 0;

  /** A fresh buffer for a queue of `capacity` events fed by `producers` producers. */
  static createBuffer(capacity: number, producers: number): SharedArrayBuffer {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw invalidArgument('capacity', `must be a positive integer (got ${capacity})`);
    }
    const buffer = new SharedArrayBuffer(HEADER_WORDS * 4 + capacity * SLOT_FLOATS * 8);
    const header = new Int32Array(buffer, 0, HEADER_WORDS);
    header[CAPACITY] = capacity;
    header[PRODUCERS_LEFT] = producers;
    return buffer;
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_WORDS);
    this.capacity = Atomics.load(this.header, CAPACITY);
    this.slots = new Float64Array(buffer, HEADER_WORDS * 4, this.capacity * SLOT_FLOATS);
  }

  // ---- the lock (Drepper, "Futexes Are Tricky", mutex 2): 0 free, 1 locked, 2 contended ----

  private lock(): void {
    let state = Atomics.compareExchange(this.header, MUTEX, 0, 1);
    if (state === 0) return;
    const startMs = nowMs();
    do {
      // Announce a waiter (2) before sleeping, so the unlocker knows to notify.
      if (state === 2 || Atomics.compareExchange(this.header, MUTEX, 1, 2) !== 0) {
        Atomics.wait(this.header, MUTEX, 2);
      }
      state = Atomics.compareExchange(this.header, MUTEX, 0, 2);
    } while (state !== 0);
    this.lockWaitMs += nowMs() - startMs;
  }

  private unlock(): void {
    if (Atomics.sub(this.header, MUTEX, 1) !== 1) {
      Atomics.store(this.header, MUTEX, 0);
      Atomics.notify(this.header, MUTEX, 1);
    }
  }

  /**
   * Waits on a condition word with the lock held: releases it, sleeps until notified (or the
   * timeout), takes it again. `seq` must be read before the caller checked its condition,
   * so a notify between that check and the sleep changes the word and is not missed.
   */
  private waitOn(word: number, seq: number, timeoutMs: number): void {
    this.unlock();
    Atomics.wait(this.header, word, seq, timeoutMs);
    this.lock();
  }

  /** Wakes sleepers of a condition word; the bump makes a sleeper that is about to sleep return. */
  private signal(word: number, count: number): void {
    Atomics.add(this.header, word, 1);
    Atomics.notify(this.header, word, count);
  }

  // ---- producers and consumers (threads that may block) ----

  /**
   * Puts `event`, waiting up to `timeoutMs` for room. 'closed' when producers were stopped
   * or everything halted: the event was not put.
   */
  put(event: PipelineEvent, timeoutMs: number): true | WaitOutcome {
    const deadline = nowMs() + timeoutMs;
    this.lock();
    try {
      for (;;) {
        const seq = Atomics.load(this.header, NOT_FULL);
        if (this.isProducerStopped()) return 'closed';
        if (this.header[COUNT]! < this.capacity) break;
        const leftMs = deadline - nowMs();
        if (leftMs <= 0) return 'timeout';
        this.waitOn(NOT_FULL, seq, leftMs);
      }
      const count = this.header[COUNT]!;
      const tail = (this.header[HEAD]! + count) % this.capacity;
      const at = tail * SLOT_FLOATS;
      this.slots[at] = event.producer;
      this.slots[at + 1] = event.seq;
      this.slots[at + 2] = event.value;
      this.slots[at + 3] = event.sendEpochMs;
      this.header[COUNT] = count + 1;
      if (count + 1 > this.header[MAX_DEPTH]!) this.header[MAX_DEPTH] = count + 1;
    } finally {
      this.unlock();
    }
    this.signal(NOT_EMPTY, 1);
    return true;
  }

  /**
   * Takes the oldest event, waiting up to `timeoutMs` for one. 'closed' once the queue is
   * drained and every producer has gone, or at once when halted.
   */
  take(timeoutMs: number): PipelineEvent | WaitOutcome {
    const deadline = nowMs() + timeoutMs;
    let event: PipelineEvent;
    this.lock();
    try {
      for (;;) {
        const seq = Atomics.load(this.header, NOT_EMPTY);
        if (Atomics.load(this.header, HALT) !== 0) return 'closed';
        if (this.header[COUNT]! > 0) break;
        if (this.producersGone()) return 'closed';
        const leftMs = deadline - nowMs();
        if (leftMs <= 0) return 'timeout';
        this.waitOn(NOT_EMPTY, seq, leftMs);
      }
      const head = this.header[HEAD]!;
      const at = head * SLOT_FLOATS;
      event = {
        producer: this.slots[at]!,
        seq: this.slots[at + 1]!,
        value: this.slots[at + 2]!,
        sendEpochMs: this.slots[at + 3]!,
      };
      this.header[HEAD] = (head + 1) % this.capacity;
      this.header[COUNT]!--;
    } finally {
      this.unlock();
    }
    this.signal(NOT_FULL, 1);
    return event;
  }

  /** A producer says it has stopped; the last one lets waiting consumers finish the drain. */
  producerDone(): void {
    this.lock();
    const left = --this.header[PRODUCERS_LEFT]!;
    this.unlock();
    if (left === 0) this.signal(NOT_EMPTY, Infinity);
  }

  /** Sleeps up to `ms`, waking early when producers are told to stop; true if they were. */
  sleepUnlessStopped(ms: number): boolean {
    if (ms > 0 && Atomics.load(this.header, STOP_PRODUCERS) === 0) {
      Atomics.wait(this.header, STOP_PRODUCERS, 0, ms);
    }
    return this.isProducerStopped();
  }

  /** Waits up to `timeoutMs` for the host's go; true once given. */
  waitForGo(timeoutMs: number): boolean {
    Atomics.wait(this.header, GO, 0, timeoutMs);
    return Atomics.load(this.header, GO) !== 0;
  }

  isProducerStopped(): boolean {
    return Atomics.load(this.header, STOP_PRODUCERS) !== 0 || Atomics.load(this.header, HALT) !== 0;
  }

  isHalted(): boolean {
    return Atomics.load(this.header, HALT) !== 0;
  }

  /** This thread's time waiting for the lock since the last call. */
  takeLockWaitMs(): number {
    const ms = this.lockWaitMs;
    this.lockWaitMs = 0;
    return ms;
  }

  private producersGone(): boolean {
    return (
      Atomics.load(this.header, PRODUCERS_LEFT) <= 0 ||
      Atomics.load(this.header, PRODUCERS_GONE) !== 0
    );
  }

  // ---- the host (never blocks: a page's main thread may not Atomics.wait) ----

  /** Lets every producer and consumer start. */
  go(): void {
    Atomics.store(this.header, GO, 1);
    Atomics.notify(this.header, GO);
  }

  /** Graceful stop, step one: producers stop; consumers go on until the queue is empty. */
  stopProducers(): void {
    Atomics.store(this.header, STOP_PRODUCERS, 1);
    Atomics.notify(this.header, STOP_PRODUCERS);
    this.signal(NOT_FULL, Infinity);
  }

  /** Every producer has ended (the host saw them go): consumers may stop at empty. */
  markProducersGone(): void {
    Atomics.store(this.header, PRODUCERS_GONE, 1);
    this.signal(NOT_EMPTY, Infinity);
  }

  /** Forced stop: everyone stops at once; what is queued stays queued. */
  halt(): void {
    Atomics.store(this.header, HALT, 1);
    Atomics.store(this.header, STOP_PRODUCERS, 1);
    Atomics.notify(this.header, STOP_PRODUCERS);
    Atomics.notify(this.header, GO);
    this.signal(NOT_FULL, Infinity);
    this.signal(NOT_EMPTY, Infinity);
  }

  /** Events in the queue (a racy read while threads run, exact once they have ended). */
  depth(): number {
    return Atomics.load(this.header, COUNT);
  }

  maxDepth(): number {
    return Atomics.load(this.header, MAX_DEPTH);
  }

  /** The events left in the queue, oldest first; read it only once every thread has ended. */
  remaining(): PipelineEvent[] {
    const events: PipelineEvent[] = [];
    const head = Atomics.load(this.header, HEAD);
    const count = Atomics.load(this.header, COUNT);
    for (let i = 0; i < count; i++) {
      const at = ((head + i) % this.capacity) * SLOT_FLOATS;
      events.push({
        producer: this.slots[at]!,
        seq: this.slots[at + 1]!,
        value: this.slots[at + 2]!,
        sendEpochMs: this.slots[at + 3]!,
      });
    }
    return events;
  }
}
