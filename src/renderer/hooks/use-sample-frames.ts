/**
 * Calls back once per animation frame with the samples that arrived since the last one.
 * Samples can come faster than frames (or in a burst after a stall); batching them to
 * requestAnimationFrame means each frame paints once, and a hidden page paints nothing.
 * LiveRateContext may space the calls further apart (quiet while measuring).
 */
import { useContext, useEffect, useRef } from 'react';
import type { CoreHistory } from '../state/core-history';
import { LiveRateContext } from './live-rate';

/** Subscribes `onFrame` to `history`, batched to animation frames. */
export function useSampleFrames(
  history: CoreHistory,
  onFrame: (fromIndex: number, toIndex: number) => void,
): void {
  // The latest callback, read at frame time, so a re-render does not resubscribe.
  const callback = useRef(onFrame);
  const minIntervalMs = useRef(0);
  const rate = useContext(LiveRateContext);
  useEffect(() => {
    callback.current = onFrame;
    minIntervalMs.current = rate;
  });
  useEffect(() => {
    let pendingFrom: number | null = null;
    let pendingTo = -1;
    let handle = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastFlushMs = -Infinity;
    const flush = (now: number): void => {
      handle = 0;
      if (pendingFrom === null) return;
      const from = Math.max(pendingFrom, history.firstIndex);
      pendingFrom = null;
      lastFlushMs = now;
      callback.current(from, pendingTo);
    };
    const unsubscribe = history.subscribe((_t, index) => {
      if (pendingFrom === null) pendingFrom = index;
      pendingTo = index;
      if (handle !== 0 || timer !== undefined) return;
      const waitMs = lastFlushMs + minIntervalMs.current - performance.now();
      if (waitMs <= 0) {
        handle = requestAnimationFrame(flush);
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        handle = requestAnimationFrame(flush);
      }, waitMs);
    });
    return () => {
      unsubscribe();
      if (handle !== 0) cancelAnimationFrame(handle);
      clearTimeout(timer);
    };
  }, [history]);
}
