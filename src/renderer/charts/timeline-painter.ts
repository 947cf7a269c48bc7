/**
 * Draws a model's per-worker timeline on a canvas: one lane per worker, one bar per task,
 * with the core usage of the same seconds above it on the same time axis. A canvas,
 * because a run can have tens of thousands of tasks and an SVG element each would not do.
 */
import type { CoreSample, TimelineEntry } from '../../shared/results';
import { heatLut, type Theme } from './heat-palette';

export interface TimelineLayout {
  /** CSS px; the painter scales by devicePixelRatio itself. */
  width: number;
  coreStripHeight: number;
  laneHeight: number;
  lanes: number;
  /** Left gutter for lane labels. */
  gutter: number;
  axisHeight: number;
}

export interface TimelineColors {
  bar: string;
  /** Text drawn on a bar (its core), readable on `bar`. */
  barText: string;
  failed: string;
  /** Text drawn on a failed bar, readable on `failed`. */
  failedText: string;
  lane: string;
  text: string;
  grid: string;
}

/** Space between the core strip and the first lane. */
const STRIP_GAP = 8;

/** Total CSS height of a layout. */
export function timelineHeight(layout: TimelineLayout): number {
  const strip = layout.coreStripHeight > 0 ? layout.coreStripHeight + STRIP_GAP : 0;
  return strip + layout.lanes * layout.laneHeight + layout.axisHeight;
}

/** Lane height for a worker count: roomy for a few workers, at least 3 px for hundreds. */
export function laneHeightFor(lanes: number): number {
  return Math.max(3, Math.min(22, Math.floor(320 / Math.max(1, lanes))));
}

/** Round tick steps for a time axis of `spanMs`, about six ticks. */
export function tickStepMs(spanMs: number): number {
  const rough = spanMs / 6;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-3)));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

/** Paints the whole timeline (it changes only when a result or the theme does). */
export function paintTimeline(
  context: CanvasRenderingContext2D,
  layout: TimelineLayout,
  spanMs: number,
  entries: readonly TimelineEntry[],
  core: { samples: readonly CoreSample[]; startSamplerMs: number | null; intervalMs: number },
  theme: Theme,
  colors: TimelineColors,
  formatTick: (ms: number) => string,
): void {
  const ratio = window.devicePixelRatio || 1;
  const height = timelineHeight(layout);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, layout.width, height);
  const plotLeft = layout.gutter;
  const plotWidth = Math.max(1, layout.width - layout.gutter - 8);
  const x = (ms: number): number => plotLeft + (ms / spanMs) * plotWidth;
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'middle';

  let top = 0;
  if (layout.coreStripHeight > 0) {
    paintCoreStrip(context, core, theme, x, top, layout.coreStripHeight, plotLeft, plotWidth);
    context.fillStyle = colors.text;
    context.textAlign = 'right';
    context.fillText('cores', plotLeft - 6, top + layout.coreStripHeight / 2);
    top += layout.coreStripHeight + STRIP_GAP;
  }

  const lanesTop = top;
  for (let lane = 0; lane < layout.lanes; lane++) {
    if (lane % 2 === 0) {
      context.fillStyle = colors.lane;
      context.fillRect(plotLeft, lanesTop + lane * layout.laneHeight, plotWidth, layout.laneHeight);
    }
  }
  const labelEvery = Math.max(1, Math.ceil(14 / layout.laneHeight));
  context.fillStyle = colors.text;
  context.textAlign = 'right';
  for (let lane = 0; lane < layout.lanes; lane += labelEvery) {
    context.fillText(`w${lane}`, plotLeft - 6, lanesTop + (lane + 0.5) * layout.laneHeight);
  }

  const inset = layout.laneHeight >= 8 ? 2 : 0;
  for (const isOk of [true, false]) {
    context.fillStyle = isOk ? colors.bar : colors.failed;
    for (const entry of entries) {
      if (entry.isOk !== isOk || entry.worker >= layout.lanes) continue;
      const left = x(entry.startMs);
      // A task shorter than a pixel still shows, as a hairline.
      const barWidth = Math.max(1, x(entry.endMs) - left - (layout.laneHeight >= 8 ? 1 : 0));
      context.fillRect(
        left,
        lanesTop + entry.worker * layout.laneHeight + inset,
        barWidth,
        layout.laneHeight - 2 * inset,
      );
    }
  }

  paintBarCores(context, layout, lanesTop, entries, x, colors);

  const axisTop = lanesTop + layout.lanes * layout.laneHeight;
  const step = tickStepMs(spanMs);
  context.textAlign = 'center';
  for (let ms = 0; ms <= spanMs + 1e-9; ms += step) {
    const tx = x(ms);
    context.fillStyle = colors.grid;
    context.fillRect(Math.round(tx), 0, 1, axisTop);
    context.fillStyle = colors.text;
    context.fillText(
      formatTick(ms),
      Math.min(Math.max(tx, plotLeft + 16), layout.width - 24),
      axisTop + layout.axisHeight / 2,
    );
  }
}

/** Bar height (CSS px) from which a bar can carry its core's number. */
const MIN_LABELLED_BAR_HEIGHT = 11;

/**
 * Writes on each bar wide enough the core its task last ran on ("core 3", or "3" where that
 * does not fit); the tooltip says it for every bar. Text widths are measured once per label.
 */
function paintBarCores(
  context: CanvasRenderingContext2D,
  layout: TimelineLayout,
  lanesTop: number,
  entries: readonly TimelineEntry[],
  x: (ms: number) => number,
  colors: TimelineColors,
): void {
  const inset = layout.laneHeight >= 8 ? 2 : 0;
  if (layout.laneHeight - 2 * inset < MIN_LABELLED_BAR_HEIGHT) return;
  context.save();
  context.font = '10px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  const widths = new Map<string, number>();
  const widthOf = (text: string): number => {
    let width = widths.get(text);
    if (width === undefined) widths.set(text, (width = context.measureText(text).width));
    return width;
  };
  for (const entry of entries) {
    if (entry.cpu === null || entry.worker >= layout.lanes) continue;
    const left = x(entry.startMs);
    const room = x(entry.endMs) - left - 4;
    if (room < 6) continue;
    const long = `core ${entry.cpu}`;
    const text = widthOf(long) <= room ? long : String(entry.cpu);
    if (widthOf(text) > room) continue;
    context.fillStyle = entry.isOk ? colors.barText : colors.failedText;
    context.fillText(
      text,
      left + (room + 4) / 2,
      lanesTop + (entry.worker + 0.5) * layout.laneHeight,
    );
  }
  context.restore();
}

/** The core samples of the run as a heat strip, clipped to the run's time range. */
function paintCoreStrip(
  context: CanvasRenderingContext2D,
  core: { samples: readonly CoreSample[]; startSamplerMs: number | null; intervalMs: number },
  theme: Theme,
  x: (ms: number) => number,
  top: number,
  height: number,
  plotLeft: number,
  plotWidth: number,
): void {
  const { samples, startSamplerMs, intervalMs } = core;
  if (samples.length === 0 || startSamplerMs === null) return;
  const cores = samples[0]!.cores.length;
  const image = new ImageData(samples.length, cores);
  const pixels = new Uint32Array(image.data.buffer);
  const lut = heatLut(theme);
  samples.forEach((sample, column) => {
    for (let c = 0; c < cores; c++) {
      pixels[c * samples.length + column] =
        lut[Math.min(100, Math.max(0, Math.round(sample.cores[c] ?? 0)))]!;
    }
  });
  const bitmap = document.createElement('canvas');
  bitmap.width = samples.length;
  bitmap.height = cores;
  bitmap.getContext('2d')?.putImageData(image, 0, 0);
  // A sample covers the interval before it (utilisation since the previous reading).
  const from = x(samples[0]!.t - intervalMs - startSamplerMs);
  const to = x(samples[samples.length - 1]!.t - startSamplerMs);
  context.save();
  context.beginPath();
  context.rect(plotLeft, top, plotWidth, height);
  context.clip();
  context.imageSmoothingEnabled = false;
  context.drawImage(bitmap, from, top, to - from, height);
  context.restore();
}
