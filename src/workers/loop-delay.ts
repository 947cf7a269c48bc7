/**
 * An event loop's delay, read as lateness: the engine's main loop, and the event-loop model's
 * own thread. perf_hooks' histogram records the whole interval between its timer's firings,
 * so an idle loop reads about the timer's resolution (10.2 ms at 10 ms); subtracting it
 * leaves how late the loop really was.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { LoopLateness } from '../shared/pool/shared-thread';

export type { LoopLateness };

export const LOOP_DELAY_RESOLUTION_MS = 10;

/** A new, enabled histogram of the calling thread's event loop. */
export function startLoopDelayHistogram(): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  histogram.enable();
  return histogram;
}

/** Reads a histogram as lateness beyond the timer's own interval (zeros when it saw nothing). */
export function loopLateness(histogram: IntervalHistogram): LoopLateness {
  if (histogram.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  const late = (ns: number): number =>
    Number.isFinite(ns) ? Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS) : 0;
  return {
    p50Ms: late(histogram.percentile(50)),
    p99Ms: late(histogram.percentile(99)),
    maxMs: late(histogram.max),
  };
}

const LIVE_WINDOW_MS = 1000;

/**
 * The engine's loop lateness over the last second, for the live view: the histogram is
 * read and restarted once a second, so a stall shows for about a second, then clears.
 */
export function createLiveLoopDelay(): { p99Ms(): number; stop(): void } {
  const histogram = startLoopDelayHistogram();
  let lastWindowP99Ms = 0;
  const timer = setInterval(() => {
    lastWindowP99Ms = loopLateness(histogram).p99Ms;
    histogram.reset();
  }, LIVE_WINDOW_MS);
  timer.unref();
  return {
    // The finished window, or the running one if it is already worse (a stall in progress).
    p99Ms: () => Math.max(lastWindowP99Ms, loopLateness(histogram).p99Ms),
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
