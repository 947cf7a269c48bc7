/** cpu.mandelbrot: escape-time iteration counts of an image, every T-th row per task. */
import { foldTaskChecksum, mix32 } from './checksum';
import { intParam, paramValue } from './params';
import type { WorkloadDefinition, WorkloadParams } from './types';

const WIDTH = intParam('width', 'Image width', { min: 16, max: 8192, default: 1600 }, 'px');
const HEIGHT = intParam('height', 'Image height', { min: 16, max: 8192, default: 1200 }, 'px');
const MAX_ITERATIONS = intParam('maxIterations', 'Iterations per pixel (max)', {
  min: 1,
  max: 100_000,
  default: 3000,
});

// The classic view of the set: x in [-2.5, 1], y in [-1.3125, 1.3125] (same aspect at 4:3).
const X_MIN = -2.5;
const X_SPAN = 3.5;
const Y_MIN = -1.3125;
const Y_SPAN = 2.625;

/** Iterations of z → z² + c from z = 0 until |z| > 2, at most `maxIterations`. */
export function escapeIterations(cx: number, cy: number, maxIterations: number): number {
  let x = 0;
  let y = 0;
  let iterations = 0;
  while (iterations < maxIterations && x * x + y * y <= 4) {
    const nextX = x * x - y * y + cx;
    y = 2 * x * y + cy;
    x = nextX;
    iterations++;
  }
  return iterations;
}

/**
 * The rows task `taskIndex` of `taskCount` computes: taskIndex, +T, +2T, … Rows through the
 * set cost up to `maxIterations` per pixel and rows outside it a few, so contiguous bands
 * left the middle tasks straggling; dealt rows give every task about the same cost.
 */
export function taskRows(height: number, taskIndex: number, taskCount: number): number[] {
  const rows: number[] = [];
  for (let row = taskIndex; row < height; row += taskCount) rows.push(row);
  return rows;
}

/**
 * Iteration counts of the task's rows, folded FNV-style and finished with mix32. Plain
 * double arithmetic in a fixed order, so every host gives the same counts.
 */
function runMandelbrotTask(params: WorkloadParams, taskIndex: number, taskCount: number): number {
  const width = paramValue(params, WIDTH);
  const height = paramValue(params, HEIGHT);
  const maxIterations = paramValue(params, MAX_ITERATIONS);
  let acc = 0x811c9dc5;
  for (let row = taskIndex; row < height; row += taskCount) {
    const cy = Y_MIN + (Y_SPAN * row) / height;
    for (let col = 0; col < width; col++) {
      const cx = X_MIN + (X_SPAN * col) / width;
      acc = Math.imul(acc ^ escapeIterations(cx, cy, maxIterations), 0x01000193);
    }
  }
  return mix32(acc);
}

/** cpu.mandelbrot: each task's checksum folds its rows' iteration counts. */
export const mandelbrotWorkload: WorkloadDefinition = {
  id: 'cpu.mandelbrot',
  label: 'Mandelbrot rows',
  kind: 'cpu',
  description: 'Computes escape-time iteration counts for every T-th row of the Mandelbrot set.',
  params: [WIDTH, HEIGHT, MAX_ITERATIONS],
  defaultTasks: 120,
  sizing: { by: 'param', param: 'height', exponent: 1 },
  needs: [],
  runTask: runMandelbrotTask,
  reference(params, taskCount) {
    // No closed form for iteration counts: the reference is the kernel run sequentially.
    let acc = 0;
    for (let i = 0; i < taskCount; i++) {
      acc = foldTaskChecksum(acc, i, runMandelbrotTask(params, i, taskCount));
    }
    return acc;
  },
};
