/**
 * Calls back once per animation frame with the samples that arrived since the last one.
 * Samples can come faster than frames (or in a burst after a stall); batching them to
 * requestAnimationFrame means each frame paints once, and a hidden page paints nothing.
 */
import { useEffect, useRef } from 'react';
import type { CoreHistory } from '../state/core-history';

/** Subscribes `onFrame` to `history`, batched to animation frames. */
export function useSampleFrames(
  history: CoreHistory,
  onFrame: (fromIndex: number, toIndex: number) => void,
): void {
  // The latest callback, read at frame time, so a re-render does not resubscribe.
  const callback = useRef(onFrame);
  useEffect(() => {
    callback.current = onFrame;
  });
  useEffect(() => {
    let pendingFrom: number | null = null;
    let pendingTo = -1;
    let handle = 0;
    const flush = (): void => {
      handle = 0;
      if (pendingFrom === null) return;
      const from = Math.max(pendingFrom, history.firstIndex);
      pendingFrom = null;
      callback.current(from, pendingTo);
    };
    const unsubscribe = history.subscribe((_t, index) => {
      if (pendingFrom === null) pendingFrom = index;
      pendingTo = index;
      if (handle === 0) handle = requestAnimationFrame(flush);
    });
    return () => {
      unsubscribe();
      if (handle !== 0) cancelAnimationFrame(handle);
    };
  }, [history]);
}
