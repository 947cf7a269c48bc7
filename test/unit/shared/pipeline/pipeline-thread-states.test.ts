import { describe, expect, it } from 'vitest';
import {
  PipelineWaitTally,
  summarizePipelineThreadStates,
  type PipelineThreadStateInput,
} from '../../../../src/shared/pipeline/pipeline-thread-states';
import type { ThreadReading, WatchedThread } from '../../../../src/shared/thread-states';

const T0 = 1_000_000;

/** Readings every 100 ms over `ms`, each interval adding `runMs` on a CPU and `waitMs` queued. */
function thread(workers: number[], ms: number, runMs: number, waitMs: number): WatchedThread {
  const readings: ThreadReading[] = [];
  for (let t = 0; t <= ms; t += 100) {
    const k = t / 100;
    readings.push({
      tEpochMs: T0 + t,
      runNs: k * runMs * 1e6,
      waitNs: k * waitMs * 1e6,
      processor: 0,
    });
  }
  return { workers, readings };
}

function input(overrides: Partial<PipelineThreadStateInput>): PipelineThreadStateInput {
  return {
    producers: 1,
    consumers: 1,
    threads: [],
    waits: [],
    fromEpochMs: T0,
    toEpochMs: T0 + 1000,
    unreadableReason: null,
    ...overrides,
  };
}

const sum = (shares: Record<string, unknown>): number =>
  ['running', 'waitingForCore', 'blocked', 'idle', 'messaging'].reduce(
    (acc, key) => acc + (shares[key] as number),
    0,
  );

describe('summarizePipelineThreadStates', () => {
  it("splits each participant's thread by its counters and its own waits", () => {
    const { timeShares, timeSharesByRole } = summarizePipelineThreadStates(
      input({
        // A producer asleep until its events are due; a consumer busy half the time, queued 10 %.
        threads: [thread([0], 1000, 2, 0), thread([1], 1000, 50, 10)],
        waits: [
          { idleMs: 980, messagingMs: 0 },
          { idleMs: 300, messagingMs: 0 },
        ],
      }),
    );
    expect(timeSharesByRole.producers.idle).toBeCloseTo(0.98, 5);
    expect(timeSharesByRole.producers.running).toBeCloseTo(0.02, 5);
    expect(timeSharesByRole.consumers).toMatchObject({ messaging: 0 });
    expect(timeSharesByRole.consumers.running).toBeCloseTo(0.5, 5);
    expect(timeSharesByRole.consumers.waitingForCore).toBeCloseTo(0.1, 5);
    expect(timeSharesByRole.consumers.idle).toBeCloseTo(0.3, 5);
    // What no wait explains is blocked: the lock, the GIL, a full queue.
    expect(timeSharesByRole.consumers.blocked).toBeCloseTo(0.1, 5);
    expect(sum(timeShares)).toBeCloseTo(1, 9);
    expect(timeShares.idle).toBeCloseTo((0.98 + 0.3) / 2, 5);
  });

  it('takes only the window from go to the end, pro rata inside an interval', () => {
    const { timeShares } = summarizePipelineThreadStates(
      input({
        producers: 1,
        consumers: 0,
        threads: [thread([0], 1000, 100, 0)],
        waits: [{ idleMs: 0, messagingMs: 0 }],
        fromEpochMs: T0 + 450,
        toEpochMs: T0 + 750,
      }),
    );
    expect(timeShares.running).toBeCloseTo(1, 9);
  });

  it('shares one loop thread between its tasks: busy ones run, the rest wait for the loop', () => {
    // Two consumers on one thread that ran all the time; one of them idle half of it.
    const { timeSharesByRole } = summarizePipelineThreadStates(
      input({
        producers: 0,
        consumers: 2,
        threads: [thread([0, 1], 1000, 100, 0)],
        waits: [
          { idleMs: 0, messagingMs: 0 },
          { idleMs: 500, messagingMs: 0 },
        ],
      }),
    );
    const consumers = timeSharesByRole.consumers;
    expect(consumers.running).toBeCloseTo(0.5, 5);
    expect(consumers.idle).toBeCloseTo(0.25, 5);
    expect(consumers.blocked).toBeCloseTo(0.25, 5);
  });

  it('lets the waits give way when the counters show more CPU time than they leave room for', () => {
    const { timeShares } = summarizePipelineThreadStates(
      input({
        producers: 1,
        consumers: 0,
        threads: [thread([0], 1000, 80, 0)],
        // A wait that spun on a core: 900 ms said idle, but the thread ran 800 ms.
        waits: [{ idleMs: 900, messagingMs: 0 }],
      }),
    );
    expect(timeShares.running).toBeCloseTo(0.8, 5);
    expect(timeShares.idle).toBeCloseTo(0.2, 5);
    expect(timeShares.blocked).toBeCloseTo(0, 5);
  });

  it('scales waits to the part of a life the readings cover: a thread read for half its life', () => {
    const { timeShares } = summarizePipelineThreadStates(
      input({
        producers: 0,
        consumers: 1,
        // Read for its first 500 ms, then it ended (at 1000 ms) before the sampler's next tick.
        threads: [thread([0], 500, 2, 0)],
        waits: [{ idleMs: 900, messagingMs: 60, endedEpochMs: T0 + 1000 }],
      }),
    );
    // Half of each wait falls in the 500 ms read: 450 idle, 30 messaging; not idle 500, messaging 0.
    expect(timeShares.idle).toBeCloseTo(0.9, 5);
    expect(timeShares.messaging).toBeCloseTo(0.06, 5);
    expect(timeShares.running).toBeCloseTo(0.02, 5);
  });

  it('gives every share null, with the reason, where threads cannot be read', () => {
    const reason = "a page cannot read its threads' scheduler states";
    const result = summarizePipelineThreadStates(input({ unreadableReason: reason }));
    for (const shares of [
      result.timeShares,
      result.timeSharesByRole.producers,
      result.timeSharesByRole.consumers,
    ]) {
      expect(shares).toEqual({
        running: null,
        waitingForCore: null,
        blocked: null,
        idle: null,
        messaging: null,
        unavailableReason: reason,
      });
    }
  });

  it('says so when a participant never reported its thread, rather than split the others', () => {
    const result = summarizePipelineThreadStates(
      input({ threads: [thread([0], 1000, 10, 0)], waits: [] }),
    );
    expect(result.timeShares.running).toBeNull();
    expect(result.timeShares.unavailableReason).toMatch(/did not report their OS threads/);
  });
});

describe('PipelineWaitTally', () => {
  it("sums each participant's idle and messaging time, producers first", () => {
    const tally = new PipelineWaitTally(1, 2);
    const base = { lockWaitMs: 0, isFinal: false };
    tally.add({
      role: 'producer',
      index: 0,
      produced: 1,
      blockedMs: 0,
      idleMs: 5,
      messagingMs: 1,
      ...base,
    });
    tally.add({
      role: 'consumer',
      index: 1,
      consumed: 0,
      events: [],
      latenciesMs: [],
      outOfOrder: 0,
      digest: 0,
      idleMs: 7,
      messagingMs: 2,
      ...base,
    });
    tally.add({
      role: 'consumer',
      index: 1,
      consumed: 0,
      events: [],
      latenciesMs: [],
      outOfOrder: 0,
      digest: 0,
      idleMs: 3,
      messagingMs: 0,
      ...base,
    });
    tally.add(
      {
        ...base,
        role: 'producer',
        index: 0,
        produced: 0,
        blockedMs: 0,
        idleMs: 0,
        messagingMs: 0,
        isFinal: true,
      },
      42,
    );
    expect(tally.all()).toEqual([
      { idleMs: 5, messagingMs: 1, endedEpochMs: 42 },
      { idleMs: 0, messagingMs: 0 },
      { idleMs: 10, messagingMs: 2 },
    ]);
  });
});
