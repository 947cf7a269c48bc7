/** Turns one cell's round-trip times into a row of the explorer's table. */
import { percentile } from '../stats/percentiles';
import type { MessageMode, MessageModel, MessageRow } from './message-cost';

/** How long the explorer spends on one model, mode and size. */
export interface RoundTripBudget {
  /** Keep timing round trips until this much time has passed… */
  cellMs: number;
  /** …and at least this many were timed (the largest sizes stop here)… */
  minRoundTrips: number;
  /** …but never more than this many… */
  maxRoundTrips: number;
  /** …and once this much time has passed, `slowMinRoundTrips` are enough (64 MiB as JSON). */
  slowCellMs: number;
  slowMinRoundTrips: number;
}

/**
 * About 60 ms per cell, and one round trip where it alone takes half a second (the largest
 * payloads pickled or sent as JSON, whose p99 is then that one): a full default run
 * (9 modes × 13 sizes) takes about 30 s on a loaded 2-core machine.
 */
export const DEFAULT_ROUND_TRIP_BUDGET: RoundTripBudget = {
  cellMs: 60,
  minRoundTrips: 3,
  maxRoundTrips: 200,
  slowCellMs: 500,
  slowMinRoundTrips: 1,
};

/** Whether a cell has timed enough round trips, `count` of them in `elapsedMs`. */
export function isCellDone(budget: RoundTripBudget, count: number, elapsedMs: number): boolean {
  if (count >= budget.maxRoundTrips) return true;
  if (count >= budget.minRoundTrips && elapsedMs >= budget.cellMs) return true;
  return count >= budget.slowMinRoundTrips && elapsedMs >= budget.slowCellMs;
}

/**
 * Round trips run untimed first: 2 warm the JIT and the caches; 1 from 1 MiB, where one takes
 * milliseconds; none from 16 MiB, where the first costs no more than the rest.
 */
export function warmUpRoundTrips(bytes: number): number {
  if (bytes >= 16 * 1024 * 1024) return 0;
  return bytes >= 1024 * 1024 ? 1 : 2;
}

/** p50 and p99 of the round trips, and the payload's rate at the median (MB = 10⁶ bytes). */
export function messageRow(
  model: MessageModel,
  mode: MessageMode,
  bytes: number,
  roundTripsMs: readonly number[],
): MessageRow {
  const sorted = Array.from(Float64Array.from(roundTripsMs).sort());
  const p50 = percentile(sorted, 50);
  return {
    model,
    mode,
    bytes,
    roundTripMsP50: p50,
    roundTripMsP99: percentile(sorted, 99),
    mbPerSec: p50 > 0 ? bytes / 1e6 / (p50 / 1000) : 0,
  };
}
