import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/shared/results';
import {
  parseSchedstat,
  parseTaskProcessor,
  summarizeThreadStates,
  withThreadStates,
  workerSegments,
  type ThreadReading,
} from '../../../src/shared/thread-states';

const ORIGIN = 1_000_000;

/** A task entry on the run-relative clock. */
const task = (
  worker: number,
  taskIndex: number,
  startMs: number,
  endMs: number,
): TimelineEntry => ({
  worker,
  taskIndex,
  startMs,
  endMs,
  isOk: true,
  cpu: null,
});

/** Readings every `stepMs` from 0 to `untilMs`, counters growing at the given rates (ms per ms). */
function readings(
  untilMs: number,
  stepMs: number,
  rate: (tMs: number) => { run: number; wait: number },
  processor: number | null = 3,
): ThreadReading[] {
  const out: ThreadReading[] = [];
  let runNs = 5e9;
  let waitNs = 1e9;
  for (let t = 0; t <= untilMs; t += stepMs) {
    if (t > 0) {
      const { run, wait } = rate(t - stepMs / 2);
      runNs += run * stepMs * 1e6;
      waitNs += wait * stepMs * 1e6;
    }
    out.push({ tEpochMs: ORIGIN + t, runNs, waitNs, processor });
  }
  return out;
}

const input = {
  originEpochMs: ORIGIN,
  workStartMs: 0,
  workEndMs: 1000,
  unreadableReason: null,
};

const sumOf = (shares: Record<string, number | null | string | undefined>): number =>
  ['running', 'waitingForCore', 'blocked', 'idle', 'messaging'].reduce(
    (sum, key) => sum + ((shares[key] as number | null) ?? 0),
    0,
  );

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseSchedstat and parseTaskProcessor', () => {
  it('reads run and wait ns from schedstat', () => {
    expect(parseSchedstat(bytes('1214703123456 5830 2\n'))).toEqual({
      runNs: 1214703123456,
      waitNs: 5830,
    });
    expect(parseSchedstat(bytes('garbage'))).toBeNull();
    expect(parseSchedstat(bytes('12'))).toBeNull();
  });

  it('reads the last CPU from stat, even with spaces and parentheses in the name', () => {
    const stat =
      '27073 (a (b) c) S 27065 27065 22599 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 1094833 ' +
      '3133440 381 18446744073709551615 1 1 1 0 0 0 0 0 0 0 0 0 17 15 0 0 0 0 0';
    expect(parseTaskProcessor(bytes(stat))).toBe(15);
    expect(parseTaskProcessor(bytes('no parentheses'))).toBeNull();
    expect(parseTaskProcessor(bytes('1 (short) S 1 2'))).toBeNull();
  });
});

describe('workerSegments', () => {
  it('cuts a worker window into messaging before and between tasks, and idle after its last', () => {
    const segments = workerSegments([task(0, 1, 300, 500), task(0, 0, 10, 290)], 0, 1000);
    expect(segments.tasks).toEqual([
      [10, 290],
      [300, 500],
    ]);
    expect(segments.messaging).toEqual([
      [0, 10],
      [290, 300],
    ]);
    expect(segments.idle).toEqual([[500, 1000]]);
  });
});

describe('summarizeThreadStates', () => {
  it('counts a thread that ran through its one long task as running', () => {
    const summary = summarizeThreadStates({
      ...input,
      workers: 1,
      timeline: [task(0, 0, 0, 1000)],
      threads: [{ workers: [0], readings: readings(1000, 100, () => ({ run: 1, wait: 0 })) }],
    });
    expect(summary.timeShares.running).toBeCloseTo(1, 6);
    expect(summary.timeShares.blocked).toBeCloseTo(0, 6);
    expect(summary.cpus).toEqual([3]);
  });

  it('splits run-queue time as waiting for a core and the rest of a task as blocked', () => {
    const summary = summarizeThreadStates({
      ...input,
      workers: 1,
      timeline: [task(0, 0, 0, 1000)],
      threads: [{ workers: [0], readings: readings(1000, 100, () => ({ run: 0.25, wait: 0.5 })) }],
    });
    expect(summary.timeShares).toMatchObject({ idle: 0, messaging: 0 });
    expect(summary.timeShares.running).toBeCloseTo(0.25, 6);
    expect(summary.timeShares.waitingForCore).toBeCloseTo(0.5, 6);
    expect(summary.timeShares.blocked).toBeCloseTo(0.25, 6);
    expect(summary.slices.map((s) => s.state)).toEqual(['waitingForCore']);
  });

  it('takes idle from the timeline: a worker with nothing left to do after 400 ms', () => {
    const summary = summarizeThreadStates({
      ...input,
      workers: 1,
      timeline: [task(0, 0, 0, 400)],
      threads: [
        { workers: [0], readings: readings(1000, 100, (t) => ({ run: t < 400 ? 1 : 0, wait: 0 })) },
      ],
    });
    expect(summary.timeShares.running).toBeCloseTo(0.4, 6);
    expect(summary.timeShares.idle).toBeCloseTo(0.6, 6);
    expect(sumOf(summary.timeShares)).toBeCloseTo(1, 9);
    expect(summary.slices.map((s) => s.state)).toEqual(['running', 'idle']);
  });

  it('counts the gaps between a worker’s tasks as messaging', () => {
    const timeline = [task(0, 0, 0, 450), task(0, 1, 550, 1000)];
    const summary = summarizeThreadStates({
      ...input,
      workers: 1,
      timeline,
      threads: [
        {
          workers: [0],
          readings: readings(1000, 50, (t) => ({ run: t >= 450 && t < 550 ? 0 : 1, wait: 0 })),
        },
      ],
    });
    expect(summary.timeShares.messaging).toBeCloseTo(0.1, 6);
    expect(summary.timeShares.running).toBeCloseTo(0.9, 6);
  });

  it('shares one event-loop thread between its workers: one runs, the others are blocked', () => {
    // The loop alternates: each worker waits for it while the other's task runs.
    const timeline = [task(0, 0, 0, 250), task(1, 1, 250, 500), task(0, 2, 500, 750)];
    timeline.push(task(1, 3, 750, 1000));
    const summary = summarizeThreadStates({
      ...input,
      workers: 2,
      timeline,
      threads: [{ workers: [0, 1], readings: readings(1000, 100, () => ({ run: 1, wait: 0 })) }],
    });
    expect(summary.timeShares.running).toBeCloseTo(0.5, 6);
    // Worker 0 has nothing left after 750 ms: idle, not blocked.
    expect(summary.timeShares.blocked).toBeCloseTo(0.375, 6);
    expect(summary.timeShares.idle).toBeCloseTo(0.125, 6);
    expect(summary.timeShares.messaging).toBe(0);
  });

  it('says why running, waiting and blocked are unknown, and still gives idle and messaging', () => {
    const summary = summarizeThreadStates({
      ...input,
      workers: 1,
      timeline: [task(0, 0, 100, 600)],
      threads: [],
      unreadableReason: 'macOS does not expose a thread’s run-queue time',
    });
    expect(summary.timeShares).toEqual({
      running: null,
      waitingForCore: null,
      blocked: null,
      idle: 0.4,
      messaging: 0.1,
      unavailableReason: 'macOS does not expose a thread’s run-queue time',
    });
    expect(summary.cpus).toEqual([null]);
  });

  it('gives a short task the CPU of the first reading after it, and none when that is far', () => {
    const timeline = [task(0, 0, 10, 20), task(0, 1, 320, 330)];
    const threadReadings = [0, 100, 200, 300, 700].map((t, i) => ({
      tEpochMs: ORIGIN + t,
      runNs: t * 1e6,
      waitNs: 0,
      processor: i,
    }));
    const summary = summarizeThreadStates({
      ...input,
      workers: 1,
      timeline,
      threads: [{ workers: [0], readings: threadReadings }],
    });
    // The reading at 100 ms follows task 0 within 1.5 sampling periods; 700 ms is too late.
    expect(summary.cpus).toEqual([1, null]);
  });
});

describe('withThreadStates', () => {
  it('fills each timeline entry’s cpu and the result’s shares from its work window', () => {
    const result = withThreadStates(
      {
        workers: 1,
        timeline: [task(0, 0, 50, 1050)],
        startedAtEpochMs: ORIGIN - 50,
        startupMs: 50,
        wallMs: 1000,
      },
      [{ workers: [0], readings: readings(1000, 100, () => ({ run: 1, wait: 0 }), 7) }],
      null,
    );
    expect(result.timeline[0]!.cpu).toBe(7);
    expect(result.timeShares.running).toBeCloseTo(1, 6);
    expect(result.stateSlices?.[0]).toMatchObject({ worker: 0, state: 'running', cpu: 7 });
  });
});
