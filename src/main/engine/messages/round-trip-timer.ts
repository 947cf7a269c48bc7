/** Times round trips for one cell of the message explorer, within its budget. */
import { cancelledError } from '../../../shared/errors';
import {
  isCellDone,
  warmUpRoundTrips,
  type RoundTripBudget,
} from '../../../shared/messages/message-row';

/** One round trip numbered `seq` (from 1); it rejects when the answer is wrong. */
export type RoundTrip = (seq: number) => Promise<void>;

/** Warms up, then times round trips until the budget is spent; their times in ms. */
export async function timeRoundTrips(
  bytes: number,
  roundTrip: RoundTrip,
  budget: RoundTripBudget,
  signal?: AbortSignal,
): Promise<number[]> {
  let seq = 0;
  for (let i = 0; i < warmUpRoundTrips(bytes); i++) await roundTrip(++seq);
  const timesMs: number[] = [];
  const startMs = performance.now();
  while (!isCellDone(budget, timesMs.length, performance.now() - startMs)) {
    if (signal?.aborted) throw cancelledError();
    const t0 = performance.now();
    await roundTrip(++seq);
    timesMs.push(performance.now() - t0);
  }
  return timesMs;
}
