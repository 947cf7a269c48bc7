/**
 * Draws the "cores busy" line: the sum of every core's utilisation, in cores (2 cores at
 * 50% = 1 core busy), over the strip's time window. One path of a few hundred points per
 * frame that has new data, which costs far less than a chart library's render.
 */
import type { CoreHistory } from '../state/core-history';

export interface CoresBusyStyle {
  line: string;
  fill: string;
  grid: string;
}

/** Paints the line on `target` (device pixels); the y axis runs 0..cores. */
export function paintCoresBusy(
  target: CanvasRenderingContext2D,
  history: CoreHistory,
  windowMs: number,
  width: number,
  height: number,
  style: CoresBusyStyle,
): void {
  target.clearRect(0, 0, width, height);
  target.fillStyle = style.grid;
  for (const fraction of [0.25, 0.5, 0.75]) {
    target.fillRect(0, Math.round(height * fraction), width, 1);
  }
  const last = history.lastIndex;
  if (last < 0) return;
  const newest = history.timeAt(last);
  const first = history.indexAtOrAfter(newest - windowMs);
  const cores = history.cores;
  const pad = 2;
  const x = (t: number): number => ((t - (newest - windowMs)) / windowMs) * width;
  const y = (busy: number): number => pad + (1 - busy / cores) * (height - 2 * pad);

  target.beginPath();
  target.moveTo(x(history.timeAt(first)), y(history.coresBusyAt(first)));
  for (let i = first + 1; i <= last; i++)
    target.lineTo(x(history.timeAt(i)), y(history.coresBusyAt(i)));
  target.strokeStyle = style.line;
  target.lineWidth = Math.max(1.5, height / 60);
  target.lineJoin = 'round';
  target.stroke();
  target.lineTo(x(newest), height);
  target.lineTo(x(history.timeAt(first)), height);
  target.closePath();
  target.fillStyle = style.fill;
  target.fill();
}
