/**
 * Renderer entry. `#bench-cores` (with ?cores=N) renders only the live core panel fed a
 * synthetic stream, and `#bench-cores-naive` the plain recharts design it is compared with,
 * for the browser benchmark of their main-thread cost (bench/ui-cores.ts); anything else
 * is the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CoresBench } from './components/CoresBench';
import { NaiveCoresBench } from './components/NaiveCoresBench';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

const benchCores = (): number => {
  const requested = Number(new URLSearchParams(window.location.search).get('cores') ?? 64);
  return Number.isInteger(requested) && requested >= 1 && requested <= 1024 ? requested : 64;
};

if (window.location.hash === '#bench-cores') {
  root.render(<CoresBench cores={benchCores()} />);
} else if (window.location.hash === '#bench-cores-naive') {
  root.render(<NaiveCoresBench cores={benchCores()} />);
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
