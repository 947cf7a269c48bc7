/** The page's connection to LabApi and what it says about the host, loaded once connected. */
import { useEffect, useState } from 'react';
import { errorMessage } from '../../shared/errors';
import type { Capabilities, LabApi, SamplerStats } from '../../shared/lab-api';
import type { HostInfo } from '../../shared/results';
import { connectLab, onLabConnectionState, type LabConnectionState } from '../lab-transport';

export interface LabSession {
  api: LabApi | null;
  connection: LabConnectionState;
  host: HostInfo | null;
  capabilities: Capabilities | null;
  samplerStats: SamplerStats | null;
  /** Why the host facts could not be loaded, as one sentence. */
  loadError: string | null;
}

/** Connects (or reconnects) and loads host info, capabilities and sampler stats. */
export function useLab(): LabSession {
  const [connection, setConnection] = useState<LabConnectionState>({ status: 'connecting' });
  const [api, setApi] = useState<LabApi | null>(null);
  const [facts, setFacts] = useState<Pick<LabSession, 'host' | 'capabilities' | 'samplerStats'>>({
    host: null,
    capabilities: null,
    samplerStats: null,
  });
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => onLabConnectionState(setConnection), []);

  useEffect(() => {
    let isCurrent = true;
    connectLab().then(
      (lab) => isCurrent && setApi(lab),
      (error: unknown) => isCurrent && setLoadError(errorMessage(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  const isConnected = connection.status === 'connected';
  useEffect(() => {
    // Loaded on every (re)connect: a restarted server may run on a changed host setup.
    if (!api || !isConnected) return;
    let isCurrent = true;
    Promise.all([api.getHostInfo(), api.getCapabilities(), api.getSamplerStats()]).then(
      ([host, capabilities, samplerStats]) => {
        if (!isCurrent) return;
        setFacts({ host, capabilities, samplerStats });
        setLoadError(null);
      },
      (error: unknown) => isCurrent && setLoadError(errorMessage(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [api, isConnected]);

  return { api, connection, loadError, ...facts };
}
