/** The "average cores busy" line under the per-core strip, on the same time axis. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Theme } from '../charts/heat-palette';
import { paintCoresBusy, type CoresBusyStyle } from '../charts/cores-busy-painter';
import { useElementSize } from '../hooks/use-element-size';
import { useSampleFrames } from '../hooks/use-sample-frames';
import type { CoreHistory } from '../state/core-history';

export interface CoresBusyLineProps {
  history: CoreHistory;
  windowMs: number;
  theme: Theme;
  /** Plot height in CSS px. */
  height?: number;
}

function readStyle(): CoresBusyStyle {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback;
  return {
    line: read('--accent', '#3b82f6'),
    fill: read('--accent-soft', 'rgba(59, 130, 246, 0.15)'),
    grid: read('--chart-grid', '#dde3ea'),
  };
}

/** Sum of all cores' utilisation, in cores, redrawn on the frames that have new samples. */
export function CoresBusyLine({ history, windowMs, theme, height = 64 }: CoresBusyLineProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const styleRef = useRef<CoresBusyStyle | null>(null);
  const [cores, setCores] = useState(history.cores);
  const { width } = useElementSize(plotRef);

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !styleRef.current) return;
    paintCoresBusy(context, history, windowMs, canvas.width, canvas.height, styleRef.current);
  }, [history, windowMs]);

  useEffect(() => {
    styleRef.current = readStyle();
    paint();
  }, [theme, paint]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    paint();
  }, [width, height, paint]);

  useSampleFrames(history, () => {
    if (history.cores !== cores) setCores(history.cores);
    paint();
  });

  return (
    <div className="busy-line">
      <div className="busy-line-axis" aria-hidden="true">
        <span>{cores}</span>
        <span>0</span>
      </div>
      <div className="busy-line-plot" ref={plotRef}>
        <canvas
          ref={canvasRef}
          style={{ height }}
          role="img"
          aria-label={`Cores busy in total (0 to ${cores}) over the last ${Math.round(windowMs / 1000)} seconds`}
        />
      </div>
    </div>
  );
}
