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
 * The engine's start-up, left out of the live reading: loading modules, starting the server
 * and the sampler, answering the first page (a first paint read 324 ms from it, issue 18).
 */
export const START_UP_MS = 2000;

/**
 * The engine's loop lateness over the last second, for the live view: the histogram is
 * read and restarted once a second, so a stall shows for about a second, then clears.
 * `p99Ms` is null until a measurement exists: during start-up, which is discarded, and
 * before the loop has been timed after it.
 */
export function createLiveLoopDelay({ startUpMs = START_UP_MS } = {}): {
  p99Ms(): number | null;
  stop(): void;
} {
  const histogram = startLoopDelayHistogram();
  let isStartingUp = startUpMs > 0;
  let lastWindowP99Ms: number | null = null;
  let windowTimer: ReturnType<typeof setInterval> | undefined;
  const startWindows = (): void => {
    isStartingUp = false;
    histogram.reset();
    windowTimer = setInterval(() => {
      lastWindowP99Ms = loopLateness(histogram).p99Ms;
      histogram.reset();
    }, LIVE_WINDOW_MS);
    windowTimer.unref();
  };
  const startUpTimer = isStartingUp ? setTimeout(startWindows, startUpMs) : undefined;
  startUpTimer?.unref();
  if (!isStartingUp) startWindows();
  return {
    // The finished window, or the running one if it is already worse (a stall in progress).
    p99Ms: () => {
      if (isStartingUp) return null;
      const running = histogram.count > 0 ? loopLateness(histogram).p99Ms : null;
      if (lastWindowP99Ms === null) return running;
      return Math.max(lastWindowP99Ms, running ?? 0);
    },
    stop: () => {
      clearTimeout(startUpTimer);
      clearInterval(windowTimer);
      histogram.disable();
    },
  };
}
