/** The Corelab window: header, connection banner, the workbench, and the measurement note. */
import { useCallback, useState } from 'react';
import { AboutNumbers } from './components/AboutNumbers';
import { AppHeader } from './components/AppHeader';
import { ConnectionBanner } from './components/ConnectionBanner';
import { MAIN_CONTENT_ID, Workbench } from './components/Workbench';
import { useLab } from './hooks/use-lab';

/** Connects to LabApi and shows the workbench once the host is known. */
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
  const isReady = api && lab.host && lab.capabilities;

  return (
    <div className="app">
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        Skip to the live view and results
      </a>
      <AppHeader host={lab.host} onShowAbout={() => setIsAboutOpen(true)} />
      <ConnectionBanner connection={lab.connection} wasConnected={wasConnected} />
      {isReady ? (
        <Workbench
          api={api}
          connection={lab.connection}
          host={lab.host!}
          capabilities={lab.capabilities!}
          samplerHz={lab.samplerStats?.hz ?? 10}
        />
      ) : (
        <div className="loading" role="status">
          {lab.loadError ? (
            <>
              <strong>Corelab cannot load its engine.</strong> {lab.loadError}.
            </>
          ) : (
            'Connecting to the Corelab engine…'
          )}
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
