/** What every resize test checks of a pool that grew and then shrank mid-run. */
import { expect } from 'vitest';
import type { PoolOutcome } from '../../src/shared/pool/run-pool';

/**
 * Every one of `tasks` ran exactly once with the checksum exact, the grown workers (index
 * above 0) ran some, and none of theirs ended after the shrink at `shrunkAt` (epoch ms).
 */
export function expectExactAfterResize(
  outcome: PoolOutcome,
  tasks: number,
  shrunkAt: number,
): void {
  expect(outcome.failures).toEqual([]);
  expect(outcome.tasksDone).toBe(tasks);
  expect(outcome.verified).toBe(true);
  const indices = outcome.timeline.map((entry) => entry.taskIndex).sort((a, b) => a - b);
  expect(indices).toEqual([...Array(tasks).keys()]);
  const onNew = outcome.timeline.filter((entry) => entry.worker > 0);
  expect(onNew.length).toBeGreaterThan(0);
  const shrunkMs = shrunkAt - (outcome.startedAtEpochMs ?? 0);
  expect(Math.max(...onNew.map((entry) => entry.endMs))).toBeLessThanOrEqual(shrunkMs + 1);
}
