/**
 * The live numbers beside the core chart. Written straight into the DOM from the sample
 * and timer callbacks: a React render per update would cost the very frame time shown.
 */
import { useEffect, useRef } from 'react';
import { formatMs } from '../../shared/format';
import type { ModelId } from '../../shared/models';
import { useSampleFrames } from '../hooks/use-sample-frames';
import type { CoreHistory } from '../state/core-history';
import type { FrameDelayRecorder } from '../state/frame-monitor';
import { MODELS } from '../../shared/models';

export interface LiveReadoutsProps {
  history: CoreHistory;
  frames: FrameDelayRecorder;
  /** The engine's worst main event-loop delay in its latest run, or null before any. */
  engineLoopDelay: EngineLoopDelay | null;
}

/** The worst p99 of the engine's event loop among a run's models, and whose it was. */
export interface EngineLoopDelay {
  p99Ms: number;
  model: ModelId;
}

const FRAME_WINDOW_MS = 5000;
/** Shown until a value has been measured: never "0.00 ms" for a loop not yet timed. */
const NOT_MEASURED = '—';

/** The engine loop delay's text now: a remount (the full app replacing the first view) keeps it. */
const engineText = (history: CoreHistory): string =>
  history.latestEngineLoopDelayMs === null
    ? NOT_MEASURED
    : formatMs(history.latestEngineLoopDelayMs);

/** Cores busy now, the window's frame delay, and the engine's event-loop delay. */
export function LiveReadouts({ history, frames, engineLoopDelay }: LiveReadoutsProps) {
  const busyRef = useRef<HTMLSpanElement>(null);
  const frameRef = useRef<HTMLSpanElement>(null);
  const frameMaxRef = useRef<HTMLSpanElement>(null);
  const engineRef = useRef<HTMLSpanElement>(null);

  useSampleFrames(history, (_from, to) => {
    if (busyRef.current) busyRef.current.textContent = history.coresBusyAt(to).toFixed(1);
    if (engineRef.current) engineRef.current.textContent = engineText(history);
  });

  useEffect(() => {
    const update = (): void => {
      const now = performance.now();
      if (frames.countBetween(now - FRAME_WINDOW_MS, now) === 0) {
        // Quiet while measuring stops the frame monitor: say so rather than show 0 ms.
        if (frameRef.current) frameRef.current.textContent = NOT_MEASURED;
        if (frameMaxRef.current) frameMaxRef.current.textContent = 'paused while measuring';
        return;
      }
      const summary = frames.summarize(now - FRAME_WINDOW_MS, now);
      if (frameRef.current) frameRef.current.textContent = formatMs(summary.p99Ms);
      if (frameMaxRef.current) frameMaxRef.current.textContent = `max ${formatMs(summary.maxMs)}`;
    };
    // First after half a second: before any frame is recorded there is nothing to show.
    const timer = setInterval(update, 500);
    return () => clearInterval(timer);
  }, [frames]);

  return (
    <dl className="readouts">
      <div className="readout">
        <dt>Cores busy now</dt>
        <dd>
          <span className="readout-value" ref={busyRef} data-testid="cores-busy">
            {NOT_MEASURED}
          </span>
          <span className="readout-unit"> of {history.cores}</span>
        </dd>
      </div>
      <div className="readout">
        <dt title="How late this window's animation frames are (p99 of the last 5 s); above ~16 ms the UI stutters">
          Window frame delay
        </dt>
        <dd>
          <span className="readout-value" ref={frameRef} data-testid="frame-delay">
            {NOT_MEASURED}
          </span>
          <span className="readout-unit" ref={frameMaxRef} />
        </dd>
      </div>
      <div className="readout">
        <dt title="How late the engine process's main event loop runs: p99 over the last second, live (perf_hooks, timer interval subtracted); beside it the worst model's p99 in the latest run">
          Engine loop delay
        </dt>
        <dd>
          <span className="readout-value" ref={engineRef} data-testid="engine-loop-delay">
            {engineText(history)}
          </span>
          <span className="readout-unit">
            {engineLoopDelay
              ? ` last run ${formatMs(engineLoopDelay.p99Ms)} · ${MODELS[engineLoopDelay.model].shortLabel}`
              : ' p99, last second'}
          </span>
        </dd>
      </div>
    </dl>
  );
}
