import { describe, expect, it } from 'vitest';
import { mixedWorkload } from '../../../../src/shared/workloads/mixed';
import type { TaskEnv } from '../../../../src/shared/workloads/types';
import { foldTasks, isUint32 } from './fold-tasks';

describe('mixed', () => {
  it('does its CPU part, then waits latencyMs', async () => {
    const waits: number[] = [];
    const env: TaskEnv = { sleep: async (ms) => void waits.push(ms) };
    await foldTasks(mixedWorkload, { rounds: 2, latencyMs: 9 }, 3, env);
    expect(waits).toEqual([9, 9, 9]);
  });

  it('folds its tasks to the reference', async () => {
    const params = { rounds: 3, latencyMs: 0 };
    const { checksum, tasks } = await foldTasks(mixedWorkload, params, 10);
    expect(checksum).toBe(mixedWorkload.reference(params, 10));
    expect(tasks.every(isUint32)).toBe(true);
  });

  it('takes its checksum from the CPU part', async () => {
    const few = await foldTasks(mixedWorkload, { rounds: 1, latencyMs: 0 }, 4);
    const more = await foldTasks(mixedWorkload, { rounds: 2, latencyMs: 0 }, 4);
    const slower = await foldTasks(mixedWorkload, { rounds: 1, latencyMs: 5 }, 4);
    expect(few.checksum).not.toBe(more.checksum);
    expect(slower.checksum).toBe(few.checksum);
  });
});
