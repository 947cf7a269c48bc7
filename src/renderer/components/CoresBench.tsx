/**
 * The live panel alone, fed a synthetic N-core stream at 10 Hz (page mode #bench-cores,
 * ?cores=N): lets a browser benchmark measure what the per-core view costs the main thread
 * on a big machine, without an engine or a big machine.
 */
import { useEffect, useMemo } from 'react';
import { useColorScheme } from '../hooks/use-color-scheme';
import { CoreHistory } from '../state/core-history';
import { FrameDelayRecorder, startFrameMonitor } from '../state/frame-monitor';
import { LivePanel } from './LivePanel';

export interface CoresBenchProps {
  cores: number;
  /** Samples per second of the synthetic stream. */
  hz?: number;
}

/** A random walk per core, so the strip shows structure rather than noise. */
export function nextLoads(previous: number[]): number[] {
  return previous.map((load) => Math.min(100, Math.max(0, load + (Math.random() - 0.5) * 30)));
}

/** Renders the live panel driven by a synthetic sampler. */
export function CoresBench({ cores, hz = 10 }: CoresBenchProps) {
  const theme = useColorScheme();
  const history = useMemo(() => new CoreHistory(cores), [cores]);
  const frames = useMemo(() => new FrameDelayRecorder(), []);

  useEffect(() => startFrameMonitor(frames), [frames]);

  useEffect(() => {
    let loads = Array.from({ length: cores }, (_, i) => (i * 37) % 100);
    const timer = setInterval(() => {
      loads = nextLoads(loads);
      history.push({ t: Date.now(), cores: loads });
    }, 1000 / hz);
    return () => clearInterval(timer);
  }, [history, cores, hz]);

  return (
    <main className="bench-page">
      <LivePanel
        history={history}
        frames={frames}
        sampleIntervalMs={1000 / hz}
        theme={theme}
        engineLoopDelay={null}
      />
    </main>
  );
}
