/**
 * What the sweep panel draws, from a sweep or from an imported CSV: measured speedups, the
 * fitted curves in the same units, and the table rows. Pure, so it is tested without a page.
 */
import {
  amdahlThroughput,
  fitScaling,
  uslThroughput,
  type ScalingFit,
  type ScalingObservation,
} from '../../shared/stats/scaling';
import { parseScalingCsv } from '../../shared/stats/scaling-csv';
import type { ChartRow } from '../charts/chart-types';

/** One worker count's measurements, averaged over its observations. */
export interface ScalingRow {
  workers: number;
  /** Mean throughput at this N, in the data's unit. */
  throughput: number;
  /** How many observations (rounds) it averages. */
  count: number;
  /** throughput / baseline. */
  speedup: number;
  efficiency: number;
}

/** Data imported from a CSV file, fitted in the page. */
export interface ImportedScaling {
  fileName: string;
  observations: ScalingObservation[];
  fit: ScalingFit;
}

/** Parses and fits a CSV file's text; throws the parser's LabError naming the line. */
export function importScalingCsv(text: string, fileName: string): ImportedScaling {
  const observations = parseScalingCsv(text, fileName);
  return { fileName, observations, fit: fitScaling(observations) };
}

/** Observations grouped by N (sorted), with speedup and efficiency against the baseline. */
export function scalingRows(
  observations: readonly ScalingObservation[],
  baseline: number,
): ScalingRow[] {
  const byWorkers = new Map<number, number[]>();
  for (const { workers, throughput } of observations) {
    byWorkers.set(workers, [...(byWorkers.get(workers) ?? []), throughput]);
  }
  return [...byWorkers.entries()]
    .sort(([a], [b]) => a - b)
    .map(([workers, values]) => {
      const throughput = mean(values);
      const speedup = throughput / baseline;
      return { workers, throughput, count: values.length, speedup, efficiency: speedup / workers };
    });
}

/** Curve samples per worker step, so the fitted curves look smooth between points. */
const STEPS_PER_WORKER = 4;

/** Chart rows from N = 1 to xMax: measured speedup, the ideal line and the fitted curves. */
export function scalingChartRows(
  rows: readonly ScalingRow[],
  fit: ScalingFit | null,
  baseline: number,
  xMax: number,
): ChartRow[] {
  const chart: ChartRow[] = [];
  // Past about 200 points per curve nothing looks smoother; big N gets fewer steps per worker.
  const steps = Math.max(1, Math.min(STEPS_PER_WORKER, Math.floor(200 / xMax)));
  for (let i = 0; i <= (xMax - 1) * steps; i++) {
    const n = 1 + i / steps;
    const measured = Number.isInteger(n) ? rows.find((r) => r.workers === n) : undefined;
    chart.push({
      workers: n,
      measured: measured ? measured.speedup : null,
      ideal: n,
      amdahl: fit?.amdahl ? amdahlThroughput(fit.amdahl, n) / baseline : null,
      usl: fit?.usl ? uslThroughput(fit.usl, n) / baseline : null,
    });
  }
  return chart;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
