/**
 * Renderer entry. `#bench-cores` (with ?cores=N) renders only the live core panel fed a
 * synthetic stream, for the browser benchmark of its main-thread cost; anything else is
 * the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CoresBench } from './components/CoresBench';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

if (window.location.hash === '#bench-cores') {
  const requested = Number(new URLSearchParams(window.location.search).get('cores') ?? 64);
  const cores = Number.isInteger(requested) && requested >= 1 && requested <= 1024 ? requested : 64;
  root.render(<CoresBench cores={cores} />);
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
