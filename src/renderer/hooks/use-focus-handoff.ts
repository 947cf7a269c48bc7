/** Keeps keyboard focus on a live control while a start/stop pair swaps which one is enabled. */
import { useEffect, useRef, type RefObject } from 'react';

/**
 * When work starts, focus moves from the start button (now disabled) to the stop button;
 * when it ends, back again. Only focus that the disabled control held, or that fell to the
 * body because of it, is moved: a person typing elsewhere keeps their place.
 */
export function useFocusHandoff(
  isBusy: boolean,
  startRef: RefObject<HTMLElement | null>,
  stopRef: RefObject<HTMLElement | null>,
): void {
  const wasBusy = useRef(isBusy);
  useEffect(() => {
    if (wasBusy.current === isBusy) return;
    wasBusy.current = isBusy;
    const [from, to] = isBusy ? [startRef, stopRef] : [stopRef, startRef];
    const active = document.activeElement;
    if (active === null || active === document.body || active === from.current) {
      to.current?.focus();
    }
  }, [isBusy, startRef, stopRef]);
}
