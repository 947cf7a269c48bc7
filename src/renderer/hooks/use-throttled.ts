/** A value that follows another at most once per interval (its latest, never a stale one). */
import { useEffect, useRef, useState } from 'react';

/**
 * `value`, updated at most every `intervalMs` (0: at once). The last change always lands,
 * after the rest of its interval.
 */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const shownAtMs = useRef(0);
  useEffect(() => {
    if (intervalMs === 0) return;
    const waitMs = shownAtMs.current + intervalMs - performance.now();
    const show = (): void => {
      shownAtMs.current = performance.now();
      setShown(value);
    };
    if (waitMs <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, waitMs);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return intervalMs === 0 ? value : shown;
}
