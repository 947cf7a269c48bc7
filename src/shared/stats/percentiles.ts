/** Latency statistics: percentiles by linear interpolation, means, and a run's summary. */
import { invalidArgument } from '../errors';
import type { LatencySummary } from '../results';

/**
 * The p-th percentile (p in 0..100) of values sorted ascending, interpolating linearly
 * between the two closest ranks (rank = p/100 × (n − 1), as numpy's default and Excel's
 * PERCENTILE.INC), so small samples still give a smooth, unbiased-looking figure.
 */
export function percentile(sortedValues: readonly number[], p: number): number {
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw invalidArgument('percentile p', `must be a number in 0..100 (got ${p})`);
  }
  if (sortedValues.length === 0) {
    throw invalidArgument('percentile values', 'must not be empty');
  }
  const rank = (p / 100) * (sortedValues.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const lowerValue = sortedValues[lower]!;
  if (lower === upper) return lowerValue;
  return lowerValue + (sortedValues[upper]! - lowerValue) * (rank - lower);
}

/** Arithmetic mean; 0 for an empty list so a run with no finished task still summarises. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** p50/p95/p99/mean/max of per-task latencies in ms; all zeros for no tasks. */
export function summarizeLatency(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, meanMs: 0, maxMs: 0 };
  // A typed array sorts numerically (a plain array's default sort compares strings).
  const sorted = Array.from(Float64Array.from(values).sort());
  return {
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    meanMs: mean(sorted),
    maxMs: sorted[sorted.length - 1]!,
  };
}
