/** The OS colour scheme, followed live (the window's theme and the canvases' palettes). */
import { useSyncExternalStore } from 'react';
import type { Theme } from '../charts/heat-palette';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function snapshot(): Theme {
  return window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

/** 'dark' when the OS prefers a dark scheme, else 'light'. */
export function useColorScheme(): Theme {
  return useSyncExternalStore(subscribe, snapshot, () => 'light');
}
