/**
 * Renderer entry. `#bench-cores` (with ?cores=N) renders only the live core panel fed a
 * synthetic stream, and `#bench-cores-naive` the plain recharts design it is compared with,
 * for the browser benchmark of their main-thread cost (bench/ui-cores.ts); anything else
 * is the app.
 */
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { lazyNamed } from './lazy-named';
import './styles.css';

// Benchmark pages only: kept out of the app's bundle (the naive one pulls in recharts).
const CoresBench = lazyNamed(() => import('./components/CoresBench'), 'CoresBench');
const NaiveCoresBench = lazyNamed(() => import('./components/NaiveCoresBench'), 'NaiveCoresBench');

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

const benchCores = (): number => {
  const requested = Number(new URLSearchParams(window.location.search).get('cores') ?? 64);
  return Number.isInteger(requested) && requested >= 1 && requested <= 1024 ? requested : 64;
};

if (window.location.hash === '#bench-cores') {
  root.render(
    <Suspense fallback={null}>
      <CoresBench cores={benchCores()} />
    </Suspense>,
  );
} else if (window.location.hash === '#bench-cores-naive') {
  root.render(
    <Suspense fallback={null}>
      <NaiveCoresBench cores={benchCores()} />
    </Suspense>,
  );
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
