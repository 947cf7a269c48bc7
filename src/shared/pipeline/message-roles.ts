/**
 * The producer and consumer of a message-passing pipeline, on the participant's side: no
 * shared memory, only messages to and from the broker (the host). A producer spends one
 * credit per event and waits when it has none (backpressure); a consumer asks for one event
 * at a time and asks again once it has processed it.
 */
import { epochNowMs } from '../protocol';
import type { PipelineConfig } from './pipeline-config';
import { DEFAULT_PIPELINE_SEED } from './pipeline-config';
import { EmitSchedule } from './emit-schedule';
import { createRandomWalk } from './pipeline-event';
import type { PipelineHostMessage, PipelinePeerMessage, PipelineRole } from './pipeline-protocol';
import { ConsumerCounter, ProducerCounter, TALLY_INTERVAL_MS } from './pipeline-tally';
import { pipelineWork } from './pipeline-work';

/** A running role: takes the broker's messages. */
export interface MessageRole {
  handle(message: PipelineHostMessage): void;
}

/** Sends tallies every TALLY_INTERVAL_MS until stopped. */
function everyTallyInterval(flush: () => void): () => void {
  const timer = setInterval(flush, TALLY_INTERVAL_MS);
  return () => clearInterval(timer);
}

/** Creates the role; `done` is called after its final tally and bye have been posted. */
export function createMessageRole(
  role: PipelineRole,
  index: number,
  config: PipelineConfig,
  post: (message: PipelinePeerMessage) => void,
  done: () => void,
): MessageRole {
  return role === 'producer'
    ? createProducer(index, config, post, done)
    : createConsumer(index, config, post, done);
}

function createProducer(
  index: number,
  config: PipelineConfig,
  post: (message: PipelinePeerMessage) => void,
  done: () => void,
): MessageRole {
  const counter = new ProducerCounter(index);
  const walk = createRandomWalk(config.seed ?? DEFAULT_PIPELINE_SEED, index);
  let credits = 0;
  /** How long the broker held the latest credit's ask: the queue was full meanwhile. */
  let creditHeldMs = 0;
  let isStopped = false;
  let wake: (() => void) | null = null;
  const wakeUp = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  /** Waits for a credit, a stop, or `ms` (if given), whichever comes first. */
  const waitForNews = (ms?: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(wakeUp, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async (): Promise<void> => {
    const stopTallies = everyTallyInterval(() =>
      post({ type: 'tally', tally: counter.take(false) }),
    );
    post({ type: 'want' });
    let seq = 0;
    const schedule = new EmitSchedule(config.intervalMs);
    while (!isStopped) {
      for (let leftMs = schedule.waitMs(); leftMs > 0 && !isStopped; leftMs = schedule.waitMs()) {
        const sleepStartMs = performance.now();
        await waitForNews(leftMs);
        counter.addIdle(performance.now() - sleepStartMs);
      }
      if (isStopped) break;
      schedule.advance();
      const event = { producer: index, seq, value: walk.next(), sendEpochMs: epochNowMs() };
      const startMs = performance.now();
      if (credits === 0) {
        while (credits === 0 && !isStopped) await waitForNews();
        // Of the wait for a credit, the broker's hold was the full queue; the rest, messages.
        const waitedMs = performance.now() - startMs;
        counter.addMessaging(waitedMs - Math.min(waitedMs, creditHeldMs));
      }
      // Stopped while waiting for room: this event was never produced.
      if (isStopped) break;
      credits--;
      post({ type: 'put', event });
      counter.recordPut(performance.now() - startMs);
      seq++;
    }
    stopTallies();
    post({ type: 'tally', tally: counter.take(true) });
    post({ type: 'bye' });
    done();
  };

  return {
    handle(message) {
      switch (message.type) {
        case 'go':
          void run();
          return;
        case 'credit':
          credits++;
          creditHeldMs = message.heldMs;
          wakeUp();
          return;
        case 'stop':
        case 'halt':
          isStopped = true;
          wakeUp();
          return;
        default:
          return;
      }
    },
  };
}

function createConsumer(
  index: number,
  config: PipelineConfig,
  post: (message: PipelinePeerMessage) => void,
  done: () => void,
): MessageRole {
  const counter = new ConsumerCounter(index);
  let stopTallies: (() => void) | null = null;
  let isFinished = false;
  let askedAtMs = 0;
  const take = (): void => {
    askedAtMs = performance.now();
    post({ type: 'take' });
  };
  return {
    handle(message) {
      if (isFinished) return;
      switch (message.type) {
        case 'go':
          stopTallies = everyTallyInterval(() =>
            post({ type: 'tally', tally: counter.take(false) }),
          );
          take();
          return;
        case 'event': {
          // Of the wait since the ask, the broker's hold was an empty queue; the rest, messages.
          const waitedMs = performance.now() - askedAtMs;
          const idleMs = Math.min(waitedMs, message.heldMs);
          counter.addIdle(idleMs);
          counter.addMessaging(waitedMs - idleMs);
          const { event } = message;
          const digest = pipelineWork(event.value, config.workPerEvent);
          counter.recordConsumed(event, digest, epochNowMs());
          take();
          return;
        }
        case 'end':
        case 'halt':
          // Messages arrive in order: an event sent before this one has been processed.
          isFinished = true;
          stopTallies?.();
          post({ type: 'tally', tally: counter.take(true) });
          post({ type: 'bye' });
          done();
          return;
        default:
          return;
      }
    },
  };
}
