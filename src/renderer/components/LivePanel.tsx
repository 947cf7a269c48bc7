/** The live section: every logical core, the total, and the two responsiveness numbers. */
import { memo } from 'react';
import type { Theme } from '../charts/heat-palette';
import type { CoreHistory } from '../state/core-history';
import type { FrameDelayRecorder } from '../state/frame-monitor';
import { CoreHeatStrip } from './CoreHeatStrip';
import { CoresBusyLine } from './CoresBusyLine';
import { LiveReadouts, type EngineLoopDelay } from './LiveReadouts';

/** The live streams and how to draw them, held above the workbench. */
export interface LiveSource {
  history: CoreHistory;
  frames: FrameDelayRecorder;
  /** The sampler's interval, which sets the width of one time slot. */
  sampleIntervalMs: number;
  theme: Theme;
}

export interface LivePanelProps extends LiveSource {
  engineLoopDelay: EngineLoopDelay | null;
  windowMs?: number;
}

/** Live per-core utilisation over the last minute, drawn on canvases. */
export const LivePanel = memo(function LivePanel({
  history,
  frames,
  sampleIntervalMs,
  theme,
  engineLoopDelay,
  windowMs = 60_000,
}: LivePanelProps) {
  const slotMs = Math.max(100, Math.round(sampleIntervalMs));
  return (
    <section className="panel live-panel" aria-labelledby="live-title">
      <header className="panel-header">
        <h2 id="live-title">Live cores</h2>
        <p className="panel-subtitle">
          {history.cores} logical cores · last {Math.round(windowMs / 1000)} s
        </p>
      </header>
      <LiveReadouts history={history} frames={frames} engineLoopDelay={engineLoopDelay} />
      <CoreHeatStrip history={history} windowMs={windowMs} slotMs={slotMs} theme={theme} />
      <div className="busy-line-title">Cores busy in total</div>
      <CoresBusyLine history={history} windowMs={windowMs} theme={theme} />
    </section>
  );
});
