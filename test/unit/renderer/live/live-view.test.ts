import { describe, expect, it } from 'vitest';
import type { LiveResize, LiveSample } from '../../../../src/shared/live/live-schema';
import {
  recentSamples,
  resizeMarkers,
  scalingPoints,
  scalingRows,
  taskSizeChanges,
} from '../../../../src/renderer/live/live-view';

const sample = (atMs: number, workers: number, tasksPerSec: number, taskUs = 1000): LiveSample => ({
  model: 'worker-threads',
  atMs,
  workers,
  tasksPerSec,
  tasksDone: 0,
  dispatchToStartUsP50: 20,
  taskUs,
  measuredTaskUsP50: taskUs,
});

/** Samples every 250 ms from `fromMs` to `toMs` (inclusive) at one count and rate. */
function stretch(fromMs: number, toMs: number, workers: number, rate: number, taskUs = 1000) {
  const samples: LiveSample[] = [];
  for (let at = fromMs; at <= toMs; at += 250) samples.push(sample(at, workers, rate, taskUs));
  return samples;
}

describe('scalingPoints', () => {
  it('averages only the samples whose whole window held one worker count', () => {
    const samples = [...stretch(250, 2000, 1, 100), ...stretch(2250, 4000, 2, 190)];
    // From 1 s on, a window holds only the 1-worker pool (5 samples). The first 2-worker samples still count tasks of the 1-worker pool: a mix, left out.
    samples[9] = sample(2500, 2, 150);
    expect(scalingPoints(samples, [], 1000)).toEqual([
      { workers: 1, tasksPerSec: 100, samples: 5 },
      { workers: 2, tasksPerSec: 190, samples: 4 },
    ]);
  });

  it('waits for a new worker to take its first task before trusting the rate', () => {
    const samples = [...stretch(250, 2000, 1, 100), ...stretch(2250, 5000, 2, 200)];
    const resize: LiveResize = {
      model: 'worker-threads',
      atMs: 2100,
      from: 1,
      to: 2,
      firstTaskAtMs: 3500,
    };
    const two = scalingPoints(samples, [resize], 1000).find((p) => p.workers === 2);
    // Steady from 4500 ms on: 4500, 4750, 5000.
    expect(two?.samples).toBe(3);
  });

  it('keeps only the points of the task size asked for', () => {
    const samples = [...stretch(250, 2000, 1, 100, 1000), ...stretch(2250, 4500, 1, 900, 100)];
    expect(scalingPoints(samples, [], 100)).toEqual([{ workers: 1, tasksPerSec: 900, samples: 6 }]);
  });
});

describe('scalingRows', () => {
  it('draws the ideal line from the 1-worker point across every count shown', () => {
    const rows = scalingRows(
      [
        { workers: 1, tasksPerSec: 100, samples: 3 },
        { workers: 3, tasksPerSec: 250, samples: 3 },
      ],
      4,
    );
    expect(rows).toEqual([
      { workers: 1, measured: 100, ideal: 100 },
      { workers: 2, measured: null, ideal: 200 },
      { workers: 3, measured: 250, ideal: 300 },
      { workers: 4, measured: null, ideal: 400 },
    ]);
  });

  it('has no ideal line before one worker has been measured', () => {
    const rows = scalingRows([{ workers: 2, tasksPerSec: 180, samples: 3 }], 2);
    expect(rows.every((row) => row.ideal === null)).toBe(true);
  });
});

describe('time series helpers', () => {
  it('keeps the last minute of samples', () => {
    const samples = stretch(0, 90_000, 1, 10);
    const recent = recentSamples(samples);
    expect(recent[0]?.atMs).toBe(30_000);
    expect(recent.at(-1)?.atMs).toBe(90_000);
  });

  it('marks resizes inside the shown span, in seconds', () => {
    const resizes: LiveResize[] = [
      { model: 'worker-threads', atMs: 500, from: 1, to: 2, firstTaskAtMs: 520 },
      { model: 'worker-threads', atMs: 5000, from: 2, to: 4, firstTaskAtMs: 5030 },
    ];
    expect(resizeMarkers(resizes, stretch(1000, 6000, 2, 10))).toEqual([{ x: 5, label: '2→4' }]);
  });

  it('lists each task size from when it began', () => {
    const samples = [...stretch(250, 750, 1, 10, 1000), ...stretch(1000, 1250, 1, 10, 50)];
    expect(taskSizeChanges(samples)).toEqual([
      { atMs: 250, taskUs: 1000 },
      { atMs: 1000, taskUs: 50 },
    ]);
  });
});
