import { describe, expect, it } from 'vitest';
import {
  escapeIterations,
  mandelbrotWorkload,
  taskRows,
} from '../../../../src/shared/workloads/mandelbrot';
import { foldTasks, isUint32 } from './fold-tasks';

describe('cpu.mandelbrot', () => {
  const params = { width: 64, height: 48, maxIterations: 100 };

  it.each([1, 5, 48, 60])('folds %i tasks to the sequential reference', async (taskCount) => {
    const { checksum, tasks } = await foldTasks(mandelbrotWorkload, params, taskCount);
    expect(checksum).toBe(mandelbrotWorkload.reference(params, taskCount));
    expect(tasks.every(isUint32)).toBe(true);
  });

  it('deals rows so every task costs about the same (no straggling middle band)', () => {
    // A task's cost is its pixels' escape iterations, counted exactly rather than timed.
    // 20 rows a task; fewer rows even out less (5 rows a task: max/min about 1.4).
    const [width, height, maxIterations, taskCount] = [80, 240, 300, 12];
    const rowCost = (row: number): number => {
      let cost = 0;
      const cy = -1.3125 + (2.625 * row) / height;
      for (let col = 0; col < width; col++) {
        cost += escapeIterations(-2.5 + (3.5 * col) / width, cy, maxIterations);
      }
      return cost;
    };
    const costs = Array.from({ length: taskCount }, (_, i) =>
      taskRows(height, i, taskCount).reduce((sum, row) => sum + rowCost(row), 0),
    );
    expect(Math.max(...costs) / Math.min(...costs)).toBeLessThan(1.1);
    // Every row is dealt exactly once.
    const dealt = Array.from({ length: taskCount }, (_, i) =>
      taskRows(height, i, taskCount),
    ).flat();
    expect(dealt.sort((a, b) => a - b)).toEqual(Array.from({ length: height }, (_, row) => row));
    // Contiguous bands, as before, put the set's middle rows in a few tasks: tens of times apart.
    const band = (i: number): number => {
      let cost = 0;
      for (let row = (i * height) / taskCount; row < ((i + 1) * height) / taskCount; row++)
        cost += rowCost(row);
      return cost;
    };
    const bands = Array.from({ length: taskCount }, (_, i) => band(i));
    expect(Math.max(...bands) / Math.min(...bands)).toBeGreaterThan(10);
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
