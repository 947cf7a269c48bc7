import { describe, expect, it } from 'vitest';
import { escapeIterations, mandelbrotWorkload } from '../../../../src/shared/workloads/mandelbrot';
import { foldTasks, isUint32 } from './fold-tasks';

describe('cpu.mandelbrot', () => {
  const params = { width: 64, height: 48, maxIterations: 100 };

  it.each([1, 5, 48, 60])('folds %i tasks to the sequential reference', async (taskCount) => {
    const { checksum, tasks } = await foldTasks(mandelbrotWorkload, params, taskCount);
    expect(checksum).toBe(mandelbrotWorkload.reference(params, taskCount));
    expect(tasks.every(isUint32)).toBe(true);
  });

  it('depends on the iteration limit', async () => {
    const low = await foldTasks(mandelbrotWorkload, { ...params, maxIterations: 50 }, 4);
    const high = await foldTasks(mandelbrotWorkload, { ...params, maxIterations: 100 }, 4);
    expect(low.checksum).not.toBe(high.checksum);
  });

  it('knows the escape times of a few points', () => {
    expect(escapeIterations(0, 0, 100)).toBe(100); // in the set
    expect(escapeIterations(-1, 0, 100)).toBe(100); // period-2 cycle, in the set
    expect(escapeIterations(1, 0, 100)).toBe(3); // 0, 1, 2, 5: |z| > 2 after 3 steps
    expect(escapeIterations(2, 0, 100)).toBe(2); // 0, 2, 6
    expect(escapeIterations(0, 2, 100)).toBe(2); // 0, 2i, -4+2i
  });
});
