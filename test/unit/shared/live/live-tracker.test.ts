import { describe, expect, it } from 'vitest';
import { LiveTracker } from '../../../../src/shared/live/live-tracker';
import { describeLiveChecks } from '../../../../src/shared/live/live-checks';
import { planLiveTasks } from '../../../../src/shared/live/live-sizing';
import { getWorkload } from '../../../../src/shared/workloads/registry';

const PRIMES = getWorkload('cpu.primes');

/** A task that ran 1 ms, sent 0.1 ms before it began, ending at `endMs`. */
function task(taskIndex: number, checksum: number | null, endMs: number) {
  return {
    worker: 0,
    taskIndex,
    readyEpochMs: endMs - 1.1,
    startEpochMs: endMs - 1,
    endEpochMs: endMs,
    checksum,
  };
}

describe('LiveTracker', () => {
  it('checks each task against its reference, and catches a wrong one and a repeat', async () => {
    const tracker = new LiveTracker('worker-threads', 0, 1000);
    const references = PRIMES.taskReferences!({ limit: 20_000 }, 4);
    tracker.addSize(0, 4, Promise.resolve(references));
    await Promise.resolve();
    for (let i = 0; i < 8; i++) tracker.onTaskEnd(task(i, references[i % 4]!, 10 + i));
    tracker.onTaskEnd(task(8, references[0]! + 1, 20));
    tracker.onTaskEnd(task(3, references[3]!, 21));
    const checks = tracker.checkTotals();
    expect(checks).toMatchObject({ checked: 9, mismatched: 1, repeated: 1, unchecked: 0 });
    expect(describeLiveChecks(checks, 9, 0)).toMatch(
      /1 checksums did not match.*1 tasks answered twice/,
    );
  });

  it('holds results until their size has a reference, then checks them', async () => {
    const tracker = new LiveTracker('child-process', 0, 1000);
    let resolve!: (values: number[]) => void;
    tracker.addSize(0, 2, new Promise((r) => (resolve = r)));
    tracker.onTaskEnd(task(0, 5, 1));
    tracker.onTaskEnd(task(1, 7, 2));
    expect(tracker.checkTotals()).toMatchObject({ checked: 0, unchecked: 2 });
    resolve([5, 6]);
    await new Promise((r) => setTimeout(r, 0));
    expect(tracker.checkTotals()).toMatchObject({ checked: 2, mismatched: 1, unchecked: 0 });
  });

  it('counts throughput over the last second and medians of dispatch and task time', () => {
    const tracker = new LiveTracker('event-loop', 0, 1000);
    tracker.addSize(0, 1, Promise.resolve([0]));
    for (let i = 0; i < 300; i++) tracker.onTaskEnd(task(i, 0, 1000 + i * 5));
    const sample = tracker.sample(2500, 1);
    // Tasks ended between 1000 and 2495 ms; the last second (1500, 2500] holds 200 of them.
    expect(sample.tasksPerSec).toBeGreaterThan(190);
    expect(sample.tasksPerSec).toBeLessThan(210);
    expect(sample.dispatchToStartUsP50).toBeCloseTo(100, 0);
    expect(sample.measuredTaskUsP50).toBeCloseTo(1000, 0);
  });

  it('steps end at a resize and begin when it takes effect', () => {
    const tracker = new LiveTracker('worker-threads', 0, 1000);
    tracker.beginStep(0, 1);
    const open = tracker.resizeAsked(1000, 1, 2);
    tracker.resizeTookEffect(open, 1050);
    tracker.endStep(2050);
    expect(tracker.steps.map((s) => [s.workers, s.durationMs])).toEqual([
      [1, 1000],
      [2, 1000],
    ]);
    expect(tracker.resizes[0]).toMatchObject({ atMs: 1000, firstTaskAtMs: 1050 });
  });
});

describe('planLiveTasks', () => {
  it.each([5, 100, 2000, 50_000, 500_000])('cuts cpu.primes tasks near %i µs', (taskUs) => {
    // About what trial division costs per unit of limit^1.5 on a current core.
    const plan = planLiveTasks(PRIMES, { limit: 15_000_000 }, taskUs, 1.7e-4);
    expect(plan.estimatedTaskUs / taskUs).toBeGreaterThan(0.5);
    expect(plan.estimatedTaskUs / taskUs).toBeLessThan(2);
    // Every task of the cycle gets at least one block of numbers.
    expect(plan.params.limit! / plan.taskCount).toBeGreaterThanOrEqual(512);
  });
});
