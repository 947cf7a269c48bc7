/** Times round trips for one cell of the message explorer, within its budget. */
import { cancelledError } from '../../../shared/errors';
import {
  isCellDone,
  warmUpRoundTrips,
  type RoundTripBudget,
} from '../../../shared/messages/message-row';

/** One round trip numbered `seq` (from 1); it rejects when the answer is wrong. */
export type RoundTrip = (seq: number) => Promise<void>;

/**
 * `roundTrip`, or a cancel error as soon as `signal` aborts: a 64 MiB copy may take a second,
 * and a cancel must not wait for it. The caller's cleanup then ends the worker, which fails
 * the abandoned round trip; that failure is expected and dropped.
 */
function untilAborted(roundTrip: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return roundTrip;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      roundTrip.catch(() => undefined);
      reject(cancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    roundTrip.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Warms up, then times round trips until the budget is spent; their times in ms. */
export async function timeRoundTrips(
  bytes: number,
  roundTrip: RoundTrip,
  budget: RoundTripBudget,
  signal?: AbortSignal,
): Promise<number[]> {
  let seq = 0;
  for (let i = 0; i < warmUpRoundTrips(bytes); i++) {
    if (signal?.aborted) throw cancelledError();
    await untilAborted(roundTrip(++seq), signal);
  }
  const timesMs: number[] = [];
  const startMs = performance.now();
  while (!isCellDone(budget, timesMs.length, performance.now() - startMs)) {
    if (signal?.aborted) throw cancelledError();
    const t0 = performance.now();
    await untilAborted(roundTrip(++seq), signal);
    timesMs.push(performance.now() - t0);
  }
  return timesMs;
}
