/**
 * The producer and consumer loops of a thread on the shared-memory queue. They block (in
 * Atomics.wait), so they run only on threads that may: worker_threads and Web Workers.
 * Every wait has a timeout, so a blocked thread still sends its tally about every 100 ms.
 */
import { epochNowMs } from '../protocol';
import { AtomicsRingQueue } from './atomics-queue';
import type { PipelineConfig } from './pipeline-config';
import { DEFAULT_PIPELINE_SEED } from './pipeline-config';
import { EmitSchedule } from './emit-schedule';
import { createRandomWalk } from './pipeline-event';
import {
  ConsumerCounter,
  ProducerCounter,
  TALLY_INTERVAL_MS,
  type PipelineTally,
} from './pipeline-tally';
import { pipelineWork } from './pipeline-work';

/** What a thread is told to be. */
export interface SharedMemoryRole {
  role: 'producer' | 'consumer';
  index: number;
  config: PipelineConfig;
  buffer: SharedArrayBuffer;
}

/** Runs the role to its end, sending tallies through `post`; the last one is final. */
export function runSharedMemoryRole(
  role: SharedMemoryRole,
  post: (tally: PipelineTally) => void,
): void {
  const queue = new AtomicsRingQueue(role.buffer);
  // Wait for the host's go: every thread starts together, after the slowest one spawned.
  while (!queue.waitForGo(TALLY_INTERVAL_MS)) {
    if (queue.isHalted()) break;
  }
  if (role.role === 'producer') runProducer(queue, role, post);
  else runConsumer(queue, role, post);
}

function runProducer(
  queue: AtomicsRingQueue,
  { index, config }: SharedMemoryRole,
  post: (tally: PipelineTally) => void,
): void {
  const counter = new ProducerCounter(index);
  const walk = createRandomWalk(config.seed ?? DEFAULT_PIPELINE_SEED, index);
  let seq = 0;
  const schedule = new EmitSchedule(config.intervalMs);
  emitting: while (!queue.isProducerStopped()) {
    // Sleep in slices, so tallies keep flowing however long the interval is.
    for (let leftMs = schedule.waitMs(); leftMs > 0; leftMs = schedule.waitMs()) {
      const sleepStartMs = performance.now();
      const isStopped = queue.sleepUnlessStopped(Math.min(leftMs, TALLY_INTERVAL_MS));
      counter.addIdle(performance.now() - sleepStartMs);
      if (isStopped) break emitting;
      if (counter.isDue()) post(withLockWait(counter.take(false), queue));
    }
    schedule.advance();
    const event = { producer: index, seq, value: walk.next(), sendEpochMs: epochNowMs() };
    const startMs = performance.now();
    for (;;) {
      const outcome = queue.put(event, TALLY_INTERVAL_MS);
      if (outcome === true) break;
      // Stopped while the queue was full: this event was never produced.
      if (outcome === 'closed') break emitting;
      post(withLockWait(counter.take(false), queue));
    }
    counter.recordPut(performance.now() - startMs);
    seq++;
    if (counter.isDue()) post(withLockWait(counter.take(false), queue));
  }
  queue.producerDone();
  post(withLockWait(counter.take(true), queue));
}

function runConsumer(
  queue: AtomicsRingQueue,
  { index, config }: SharedMemoryRole,
  post: (tally: PipelineTally) => void,
): void {
  const counter = new ConsumerCounter(index);
  for (;;) {
    const takeStartMs = performance.now();
    const event = queue.take(TALLY_INTERVAL_MS);
    // The take's wait, less its lock's, was for an event: the queue was empty.
    const lockWaitMs = queue.takeLockWaitMs();
    counter.addLockWait(lockWaitMs);
    counter.addIdle(performance.now() - takeStartMs - lockWaitMs);
    if (event === 'closed') break;
    if (event !== 'timeout') {
      const digest = pipelineWork(event.value, config.workPerEvent);
      counter.recordConsumed(event, digest, epochNowMs());
    }
    if (event === 'timeout' || counter.isDue()) post(counter.take(false));
  }
  post(counter.take(true));
}

/** A producer tally with the lock wait the queue measured since the last one. */
function withLockWait<T extends { lockWaitMs: number }>(tally: T, queue: AtomicsRingQueue): T {
  return { ...tally, lockWaitMs: tally.lockWaitMs + queue.takeLockWaitMs() };
}
