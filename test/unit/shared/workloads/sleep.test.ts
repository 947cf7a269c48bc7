import { describe, expect, it } from 'vitest';
import { sleepWorkload } from '../../../../src/shared/workloads/sleep';
import type { TaskEnv } from '../../../../src/shared/workloads/types';
import { foldTasks, isUint32 } from './fold-tasks';

describe('io.sleep', () => {
  it('waits latencyMs on the host timer in every task', async () => {
    const waits: number[] = [];
    const env: TaskEnv = { sleep: async (ms) => void waits.push(ms) };
    await foldTasks(sleepWorkload, { latencyMs: 7 }, 5, env);
    expect(waits).toEqual([7, 7, 7, 7, 7]);
  });

  it('defaults to 50 ms', async () => {
    const waits: number[] = [];
    await sleepWorkload.runTask({}, 0, 1, { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([50]);
  });

  it('folds its tasks to the reference, each task its own checksum', async () => {
    const { checksum, tasks } = await foldTasks(sleepWorkload, { latencyMs: 0 }, 20);
    expect(checksum).toBe(sleepWorkload.reference({ latencyMs: 0 }, 20));
    expect(new Set(tasks).size).toBe(20);
    expect(tasks.every(isUint32)).toBe(true);
  });
});
