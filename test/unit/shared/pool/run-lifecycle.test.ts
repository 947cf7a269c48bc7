import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabError, serializeError } from '../../../../src/shared/errors';
import { RunLifecycle, type RunLifecycleOptions } from '../../../../src/shared/pool/run-lifecycle';
import { RunTally, type RunSummary } from '../../../../src/shared/pool/run-tally';
import type { RunEvent } from '../../../../src/shared/run-events';

/** A lifecycle whose workers leave when told, unless `isStuck`; its calls are recorded. */
function lifecycle(overrides: Partial<RunLifecycleOptions> = {}, isStuck = false) {
  const events: RunEvent[] = [];
  const calls: string[] = [];
  const summaries: (RunSummary | null)[] = [];
  const tally = new RunTally({
    runId: 'r',
    model: 'worker-threads',
    taskCount: 2,
    onEvent: (e) => events.push(e),
  });
  const life: RunLifecycle = new RunLifecycle({
    runId: 'r',
    model: 'worker-threads',
    workers: 2,
    workload: 'cpu.primes',
    expectedChecksum: null,
    tally,
    onEvent: (e) => events.push(e),
    startTimeoutMs: 500,
    stopTimeoutMs: 100,
    starters: 'workers',
    stopWorkers: (isForced) => {
      calls.push(isForced ? 'stop forced' : 'stop');
      if (!isStuck) summaries.push(life.finish([0, 0]));
    },
    kill: () => {
      calls.push('kill');
      summaries.push(life.finish([0, 0]));
    },
    ...overrides,
  });
  return { life, tally, events, calls, summaries };
}

const taskError = serializeError(new LabError('internal', 'task 0 failed'));

describe('RunLifecycle', () => {
  // Epoch times come from performance.now(), so it runs on the fake clock too.
  beforeEach(
    () => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }),
  );
  afterEach(() => void vi.useRealTimers());

  it('announces the run and fails it, forced, when the workers do not start in time', () => {
    const { life, events, calls, summaries } = lifecycle();
    expect(life.start()).toBe(true);
    expect(events).toEqual([
      { type: 'model-start', runId: 'r', model: 'worker-threads', workers: 2 },
    ]);
    vi.advanceTimersByTime(499);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['stop forced']);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.error).toMatchObject({
      code: 'timeout',
      message: 'workers did not start in time',
    });
    expect(summaries[0]?.wallMs).toBe(0);
  });

  it('starts the clock when work begins, and no start timeout fires after it', () => {
    const { life, calls } = lifecycle();
    life.start();
    vi.advanceTimersByTime(200);
    const at = life.beginWork();
    expect(at).toBe(life.workStartEpochMs);
    expect(at).toBeGreaterThan(0);
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
    expect(life.isStopping).toBe(false);
  });

  it('is cancelled, without announcing the run, by a signal aborted before the start', () => {
    const controller = new AbortController();
    controller.abort();
    const { life, events, calls, summaries } = lifecycle({ signal: controller.signal });
    expect(life.start()).toBe(false);
    expect(calls).toEqual(['stop forced']);
    expect(events.some((e) => e.type === 'model-start')).toBe(false);
    expect(summaries[0]?.error).toMatchObject({ code: 'cancelled' });
    expect(life.isFinished).toBe(true);
    // Neither timer is left behind.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is cancelled by an abort after the start, and stops listening once stopped', () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const { life, calls, summaries } = lifecycle({ signal: controller.signal });
    life.start();
    life.beginWork();
    controller.abort();
    expect(calls).toEqual(['stop forced']);
    expect(summaries[0]?.error).toMatchObject({
      code: 'cancelled',
      message: 'the run was cancelled',
    });
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('ignores work that begins after the run stopped', () => {
    const { life } = lifecycle({}, true);
    life.start();
    vi.advanceTimersByTime(500);
    expect(life.isStopping).toBe(true);
    expect(life.beginWork()).toBeNull();
    expect(life.workStartEpochMs).toBe(0);
  });

  it('decides fail-fast from the policy, continue by default', () => {
    expect(lifecycle().life.isFailFast).toBe(false);
    expect(lifecycle({ failurePolicy: 'continue' }).life.isFailFast).toBe(false);
    expect(lifecycle({ failurePolicy: 'fail-fast' }).life.isFailFast).toBe(true);
  });

  it('keeps the first fatal error: an earlier failure, a stop error, not a later one', () => {
    const { life, summaries } = lifecycle();
    life.start();
    life.fail(taskError);
    life.stop(serializeError(new LabError('internal', 'later')), false);
    life.stop(serializeError(new LabError('internal', 'much later')), true);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.error?.message).toBe('task 0 failed');
  });

  it('stops once: arms the kill, which fires only for workers still there after the timeout', () => {
    const { life, calls, summaries } = lifecycle({}, true);
    life.start();
    life.beginWork();
    vi.advanceTimersByTime(50);
    life.stop(null, false);
    life.stop(taskError, true);
    expect(calls).toEqual(['stop']);
    vi.advanceTimersByTime(99);
    expect(calls).toEqual(['stop']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['stop', 'kill']);
    expect(summaries[0]?.error).toBeNull();
    // The work ended at the stop, not at the kill.
    expect(summaries[0]?.wallMs).toBe(50);
  });

  it('clears the kill timer when the workers leave in time', () => {
    const { life, calls } = lifecycle({}, true);
    life.start();
    life.beginWork();
    life.stop(null, false);
    expect(vi.getTimerCount()).toBe(1);
    expect(life.finish([0, 0])).not.toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['stop']);
  });

  it('ends the work at the last answer, not at the later stop', () => {
    const { life, summaries } = lifecycle();
    life.start();
    life.beginWork();
    vi.advanceTimersByTime(30);
    expect(life.endWork()).toBe(true);
    vi.advanceTimersByTime(30);
    expect(life.endWork()).toBe(false);
    life.stop(null, false);
    expect(summaries[0]?.wallMs).toBe(30);
  });

  it('finishes once without a stop: timers and the abort listener go, the summary comes once', () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const { life, events, calls } = lifecycle({ signal: controller.signal });
    life.start();
    life.beginWork();
    const first = life.finish([0, 0]);
    expect(first).not.toBeNull();
    expect(life.finish([0, 0])).toBeNull();
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress).toHaveLength(1);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    controller.abort();
    life.stop(taskError, false);
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
