/** The Corelab window: header, connection banner, the workbench, and the measurement note. */
import { useCallback, useState } from 'react';
import { AboutNumbers } from './components/AboutNumbers';
import { AppHeader } from './components/AppHeader';
import { ConnectionBanner } from './components/ConnectionBanner';
import { LivePanel, type LiveSource } from './components/LivePanel';
import { MAIN_CONTENT_ID, Workbench } from './components/Workbench';
import { useColorScheme } from './hooks/use-color-scheme';
import { useCoreHistory } from './hooks/use-core-history';
import { useFrameRecorder } from './hooks/use-frame-recorder';
import { useLab } from './hooks/use-lab';

/** The sampler's rate until the engine says (browser mode and the app both sample at 10 Hz). */
const DEFAULT_SAMPLER_HZ = 10;

/**
 * Connects to LabApi and draws the live cores as soon as samples flow; the workbench
 * follows once the host and its capabilities are known.
 */
export function App() {
  const lab = useLab();
  const [isAboutOpen, setIsAboutOpen] = useState(false);
  const [wasConnected, setWasConnected] = useState(false);
  // Derived during render (not in an effect): the banner must never flash "connecting" wrong.
  if (lab.connection.status === 'connected' && !wasConnected) setWasConnected(true);
  const { api } = lab;
  const loadSamplerStats = useCallback(() => {
    if (!api) return Promise.reject(new Error('not connected'));
    return api.getSamplerStats();
  }, [api]);
  // Sized by this machine's core count until samples arrive; a sample of another size (a
  // server with more cores) starts the history afresh at its size.
  const live: LiveSource = {
    history: useCoreHistory(api, navigator.hardwareConcurrency || 1),
    frames: useFrameRecorder(),
    theme: useColorScheme(),
    sampleIntervalMs: 1000 / Math.max(0.1, lab.samplerStats?.hz ?? DEFAULT_SAMPLER_HZ),
  };

  return (
    <div className="app">
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        Skip to the live view and results
      </a>
      <AppHeader host={lab.host} onShowAbout={() => setIsAboutOpen(true)} />
      <ConnectionBanner connection={lab.connection} wasConnected={wasConnected} />
      {api && lab.host && lab.capabilities ? (
        <Workbench
          api={api}
          connection={lab.connection}
          host={lab.host}
          capabilities={lab.capabilities}
          live={live}
        />
      ) : lab.loadError ? (
        <div className="loading" role="status">
          <strong>Corelab cannot load its engine.</strong> {lab.loadError}.
        </div>
      ) : (
        <div className="workbench">
          <aside className="sidebar" aria-label="Controls">
            <p className="loading" role="status">
              Connecting to the Corelab engine…
            </p>
          </aside>
          <main className="content" id={MAIN_CONTENT_ID} tabIndex={-1}>
            {api && <LivePanel {...live} engineLoopDelay={null} />}
          </main>
        </div>
      )}
      <AboutNumbers
        isOpen={isAboutOpen}
        onClose={() => setIsAboutOpen(false)}
        host={lab.host}
        loadSamplerStats={api ? loadSamplerStats : null}
      />
    </div>
  );
}
