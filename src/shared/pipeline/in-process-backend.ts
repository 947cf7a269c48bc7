/**
 * The single-thread pipeline (event-loop in Node, renderer-main in the page): producers and
 * consumers are async functions on the calling thread sharing an AsyncBoundedQueue.
 */
import type { SerializedError } from '../errors';
import { serializeError } from '../errors';
import { macrotaskQueue } from '../macrotask';
import { epochNowMs } from '../protocol';
import { AsyncBoundedQueue } from './async-queue';
import type { BackendEnd, PipelineBackend } from './pipeline-backend';
import { DEFAULT_PIPELINE_SEED, type PipelineConfig } from './pipeline-config';
import { EmitSchedule } from './emit-schedule';
import { createRandomWalk, type PipelineEvent } from './pipeline-event';
import { ConsumerCounter, ProducerCounter, type PipelineTally } from './pipeline-tally';
import { pipelineWork } from './pipeline-work';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The backend; `transportNote` names the thread it runs on. */
export function createInProcessBackend(
  config: PipelineConfig,
  transportNote: string,
): PipelineBackend {
  // A macrotask between two events: timers, I/O and the page's painting get their turn.
  const macrotasks = macrotaskQueue();
  const yieldToLoop = (): Promise<void> => new Promise((resolve) => macrotasks.schedule(resolve));
  const queue = new AsyncBoundedQueue<PipelineEvent>(config.capacity);
  let onTally: (tally: PipelineTally) => void = () => undefined;
  let fail: (error: SerializedError) => void = () => undefined;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let isStopping = false;
  let error: SerializedError | null = null;

  /** Sleeps until the next event is due, in slices, so a stop is seen within 50 ms. */
  const sleepUntilDue = async (schedule: EmitSchedule): Promise<void> => {
    for (let leftMs = schedule.waitMs(); leftMs > 0 && !isStopping; leftMs = schedule.waitMs()) {
      await sleep(Math.min(leftMs, 50));
    }
  };

  const producer = async (index: number): Promise<void> => {
    await released;
    const counter = new ProducerCounter(index);
    const walk = createRandomWalk(config.seed ?? DEFAULT_PIPELINE_SEED, index);
    const schedule = new EmitSchedule(config.intervalMs);
    for (let seq = 0; !isStopping; seq++) {
      if (config.intervalMs > 0) {
        const sleepStartMs = performance.now();
        await sleepUntilDue(schedule);
        counter.addIdle(performance.now() - sleepStartMs);
        if (isStopping) break;
        schedule.advance();
      } else {
        await yieldToLoop();
      }
      const event = { producer: index, seq, value: walk.next(), sendEpochMs: epochNowMs() };
      const startMs = performance.now();
      if (!(await queue.put(event))) break;
      counter.recordPut(performance.now() - startMs);
      if (counter.isDue()) onTally(counter.take(false));
    }
    onTally(counter.take(true));
  };

  const consumer = async (index: number): Promise<void> => {
    await released;
    const counter = new ConsumerCounter(index);
    for (;;) {
      const getStartMs = performance.now();
      const event = await queue.get();
      // A get waits only while the queue is empty: nothing to do.
      counter.addIdle(performance.now() - getStartMs);
      if (event === 'closed') break;
      // The work runs on this same thread: while it runs, nothing else here does.
      const digest = pipelineWork(event.value, config.workPerEvent);
      counter.recordConsumed(event, digest, epochNowMs());
      if (counter.isDue()) onTally(counter.take(false));
      await yieldToLoop();
    }
    onTally(counter.take(true));
  };

  const guard = (run: Promise<void>): Promise<void> =>
    run.catch((thrown: unknown) => {
      error ??= serializeError(thrown);
      fail(error);
    });
  let resolveEnded: (end: BackendEnd) => void = () => undefined;
  const ended = new Promise<BackendEnd>((resolve) => (resolveEnded = resolve));

  return {
    transport: 'async-queue',
    transportNote,
    hasLock: false,
    async start(tallies, onFailure) {
      onTally = tallies;
      fail = onFailure;
      const producers = Array.from({ length: config.producers }, (_, i) => guard(producer(i)));
      const consumers = Array.from({ length: config.consumers }, (_, i) => guard(consumer(i)));
      // Once every producer has ended, consumers may stop at empty (the drain's end).
      const producersDone = Promise.all(producers).then(() => queue.closeProducers());
      void Promise.all([producersDone, ...consumers]).then(() => {
        macrotasks.close();
        resolveEnded({
          leftInQueue: queue.depth,
          maxDepth: queue.maxDepth,
          terminated: 0,
          error,
        });
      });
    },
    go: () => release(),
    depth: () => queue.depth,
    stopProducers: () => {
      isStopping = true;
      queue.closeProducers();
    },
    halt: () => {
      isStopping = true;
      queue.halt();
    },
    // Nothing to terminate: a callback on this thread cannot be interrupted anyway, and
    // halt() already made every loop end at its next await.
    kill: () => undefined,
    ended,
  };
}
