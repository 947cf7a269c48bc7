/**
 * What the live panel draws, from a model's samples and resizes: chart rows over time, the
 * resize marks, and the scaling points (throughput against workers) with the ideal line.
 */
import type { LiveResize, LiveSample } from '../../shared/live/live-schema';
import type { ChartRow } from '../charts/chart-types';
import type { TimeMarker } from '../charts/TimeSeriesChart';

/** How much time the live charts show. */
export const LIVE_WINDOW_MS = 60_000;

/** A sample's rate covers this window, so it is steady only this long after a change. */
export const RATE_WINDOW_MS = 1_000;

/** The samples of the last `windowMs` before the newest one. */
export function recentSamples(
  samples: readonly LiveSample[],
  windowMs: number = LIVE_WINDOW_MS,
): LiveSample[] {
  const newest = samples.at(-1)?.atMs ?? 0;
  return samples.filter((s) => s.atMs >= newest - windowMs);
}

/** One row per sample, x in seconds since the live run began. */
export function liveRows(samples: readonly LiveSample[]): ChartRow[] {
  return samples.map((s) => ({
    seconds: s.atMs / 1000,
    tasksPerSec: s.tasksPerSec,
    workers: s.workers,
    overheadUs: s.dispatchToStartUsP50,
  }));
}

/** A vertical mark per resize ("2→4") inside the samples' time span. */
export function resizeMarkers(
  resizes: readonly LiveResize[],
  samples: readonly LiveSample[],
): TimeMarker[] {
  const from = samples[0]?.atMs ?? 0;
  return resizes
    .filter((r) => r.atMs >= from)
    .map((r) => ({ x: r.atMs / 1000, label: `${r.from}→${r.to}` }));
}

/** Where the task size changed, as (time, new size), the first size included. */
export function taskSizeChanges(
  samples: readonly LiveSample[],
): { atMs: number; taskUs: number }[] {
  const changes: { atMs: number; taskUs: number }[] = [];
  for (const sample of samples) {
    if (changes.at(-1)?.taskUs !== sample.taskUs) {
      changes.push({ atMs: sample.atMs, taskUs: sample.taskUs });
    }
  }
  return changes;
}

/** Mean throughput at one worker count, over the samples whose window held only that count. */
export interface ScalingPoint {
  workers: number;
  tasksPerSec: number;
  samples: number;
}

/**
 * The scaling points at task size `taskUs`: for each worker count, the mean rate of the
 * samples taken at least a rate window after the last change (of workers or task size, or a
 * new worker's first task), so a point never mixes two counts.
 */
export function scalingPoints(
  samples: readonly LiveSample[],
  resizes: readonly LiveResize[],
  taskUs: number,
): ScalingPoint[] {
  const sums = new Map<number, { total: number; count: number }>();
  // A resize asked for before a sample unsettles it until it took effect (never, if null).
  const resizeSpans = resizes.map((r) => ({
    from: r.atMs,
    to: Math.max(r.atMs, r.firstTaskAtMs ?? Number.POSITIVE_INFINITY),
  }));
  let changedAtMs = 0;
  let previous: LiveSample | null = null;
  for (const sample of samples) {
    if (previous && (previous.workers !== sample.workers || previous.taskUs !== sample.taskUs)) {
      changedAtMs = sample.atMs;
    }
    previous = sample;
    const lastResize = Math.max(
      0,
      ...resizeSpans.filter((span) => span.from <= sample.atMs).map((span) => span.to),
    );
    const isSteady = sample.atMs - Math.max(changedAtMs, lastResize) >= RATE_WINDOW_MS;
    if (!isSteady || sample.taskUs !== taskUs) continue;
    const sum = sums.get(sample.workers) ?? { total: 0, count: 0 };
    sum.total += sample.tasksPerSec;
    sum.count++;
    sums.set(sample.workers, sum);
  }
  return [...sums.entries()]
    .map(([workers, { total, count }]) => ({ workers, tasksPerSec: total / count, samples: count }))
    .sort((a, b) => a.workers - b.workers);
}

/**
 * Rows of the scaling plot: measured points, and the ideal line (linear from the 1-worker
 * point) across every worker count shown, once one worker has been measured.
 */
export function scalingRows(points: readonly ScalingPoint[], currentWorkers: number): ChartRow[] {
  const one = points.find((p) => p.workers === 1);
  const top = Math.max(currentWorkers, ...points.map((p) => p.workers), 2);
  const rows: ChartRow[] = [];
  for (let workers = 1; workers <= top; workers++) {
    const point = points.find((p) => p.workers === workers);
    rows.push({
      workers,
      measured: point ? point.tasksPerSec : null,
      ideal: one ? one.tasksPerSec * workers : null,
    });
  }
  return rows;
}
