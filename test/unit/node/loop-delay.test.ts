import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  createLiveLoopDelay,
  loopLateness,
  startLoopDelayHistogram,
} from '../../../src/node/loop-delay';

/** Keeps this thread busy for `ms`, as a CPU-bound task on the event loop would. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spinning on purpose: the stall is what is measured.
  }
}

describe('loop delay as lateness', () => {
  it('reads the timer interval itself as no delay on an idle loop', async () => {
    const histogram = startLoopDelayHistogram();
    await sleep(300);
    histogram.disable();
    // Raw perf_hooks figures sit near 10 ms here; lateness removes that interval.
    expect(histogram.percentile(50) / 1e6).toBeGreaterThan(9);
    expect(loopLateness(histogram).p50Ms).toBeLessThan(3);
  });

  it('sees a 120 ms stall as about 120 ms late', async () => {
    const histogram = startLoopDelayHistogram();
    await sleep(50);
    block(120);
    await sleep(50);
    histogram.disable();
    const { maxMs } = loopLateness(histogram);
    expect(maxMs).toBeGreaterThan(100);
    expect(maxMs).toBeLessThan(400);
  });

  it('reports a stall live for about a second, then lets it go', async () => {
    const live = createLiveLoopDelay({ startUpMs: 0 });
    try {
      await sleep(50);
      block(120);
      await sleep(20);
      expect(live.p99Ms()).toBeGreaterThan(100);
      await sleep(2200);
      expect(live.p99Ms()).toBeLessThan(50);
    } finally {
      live.stop();
    }
  });

  it('reads an empty histogram as zeros', () => {
    const histogram = startLoopDelayHistogram();
    histogram.disable();
    histogram.reset();
    expect(loopLateness(histogram)).toEqual({ p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('has no reading before the loop was timed: null, not 0', () => {
    const live = createLiveLoopDelay({ startUpMs: 0 });
    try {
      expect(live.p99Ms()).toBeNull();
    } finally {
      live.stop();
    }
  });

  it('discards a stall during start-up, then reads the steady loop', async () => {
    const live = createLiveLoopDelay({ startUpMs: 400 });
    try {
      await sleep(50);
      // A start-up stall, as loading and the first page's requests give.
      block(300);
      await sleep(20);
      expect(live.p99Ms()).toBeNull();
      await sleep(400);
      const reading = live.p99Ms();
      expect(reading).not.toBeNull();
      expect(reading!).toBeLessThan(50);
    } finally {
      live.stop();
    }
  });
});
