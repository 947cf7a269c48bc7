/** The live per-core chart: one row per logical core, time along x, colour = utilisation. */
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { formatMs } from '../../shared/format';
import { heatGradient, type Theme } from '../charts/heat-palette';
import { HeatStripPainter } from '../charts/heat-strip-painter';
import { useElementSize } from '../hooks/use-element-size';
import { useSampleFrames } from '../hooks/use-sample-frames';
import type { CoreHistory } from '../state/core-history';

export interface CoreHeatStripProps {
  history: CoreHistory;
  windowMs: number;
  /** Time one column stands for: the sampler's interval, at least 100 ms. */
  slotMs: number;
  theme: Theme;
}

/** Row height in CSS px: tall rows for a few cores, at least 2 px each for 128. */
function rowHeightFor(cores: number): number {
  return Math.min(28, Math.max(2, Math.round(200 / cores)));
}

/** Labels every n-th core so that labels are at least 14 px apart. */
function labelStepFor(rowHeight: number): number {
  let step = 1;
  while (step * rowHeight < 14) step *= 2;
  return step;
}

/** Draws the strip on a canvas, one column per sample, without re-rendering React. */
export function CoreHeatStrip({ history, windowMs, slotMs, theme }: CoreHeatStripProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const painterRef = useRef<HeatStripPainter | null>(null);
  const gapColorRef = useRef('transparent');
  const [cores, setCores] = useState(history.cores);
  const { width } = useElementSize(plotRef);
  const rowHeight = rowHeightFor(cores);
  const height = cores * rowHeight;

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !painterRef.current) return;
    painterRef.current.paint(context, canvas.width, canvas.height, gapColorRef.current);
  }, []);

  // The backing store follows the element's size in device pixels, so the strip is crisp.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    paint();
  }, [width, height, paint]);

  useEffect(() => {
    gapColorRef.current =
      getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() ||
      'transparent';
    const painter = new HeatStripPainter(history, { windowMs, slotMs }, theme);
    painter.rebuild();
    painterRef.current = painter;
    paint();
    return () => {
      painterRef.current = null;
    };
  }, [history, windowMs, slotMs, theme, paint]);

  useSampleFrames(history, (from, to) => {
    if (history.cores !== cores) {
      // A different host behind the page: the next render sizes the rows afresh.
      setCores(history.cores);
      painterRef.current?.rebuild();
    } else {
      for (let i = from; i <= to; i++) painterRef.current?.add(i);
    }
    paint();
    // Samples drawn so far, for tests and benchmarks that check the strip keeps moving.
    if (rootRef.current) rootRef.current.dataset.samples = String(to + 1);
  });

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    const tip = tipRef.current;
    const painter = painterRef.current;
    if (!tip || !painter) return;
    const box = event.currentTarget.getBoundingClientRect();
    const picked = painter.pick(
      (event.clientX - box.left) / box.width,
      (event.clientY - box.top) / box.height,
    );
    if (!picked) {
      tip.hidden = true;
      return;
    }
    const value =
      picked.index === null ? 'no sample' : `${history.valueAt(picked.index, picked.core)}% busy`;
    const age = picked.ageMs < slotMs ? 'now' : `${formatMs(picked.ageMs)} ago`;
    tip.textContent = `Core ${picked.core} · ${value} · ${age}`;
    tip.hidden = false;
    const x = Math.min(event.clientX - box.left + 12, box.width - 180);
    tip.style.transform = `translate(${Math.max(0, x)}px, ${event.clientY - box.top + 12}px)`;
  };

  const labelStep = labelStepFor(rowHeight);
  const labels: number[] = [];
  for (let core = 0; core < cores; core += labelStep) labels.push(core);
  const ticks = [60, 45, 30, 15, 0].map((s) => (s * 1000 * windowMs) / 60_000);

  return (
    <div className="core-strip" ref={rootRef} data-testid="core-chart" data-cores={cores}>
      <div className="core-strip-labels" style={{ height }} aria-hidden="true">
        {labels.map((core) => (
          <span key={core} style={{ top: core * rowHeight + rowHeight / 2 }}>
            {core}
          </span>
        ))}
      </div>
      <div className="core-strip-plot" ref={plotRef}>
        <canvas
          ref={canvasRef}
          style={{ height }}
          role="img"
          aria-label={`Utilisation of each of the ${cores} logical cores over the last ${formatMs(windowMs)}, one row per core`}
          onPointerMove={onPointerMove}
          onPointerLeave={() => {
            if (tipRef.current) tipRef.current.hidden = true;
          }}
        />
        <div className="core-strip-tip" ref={tipRef} hidden role="presentation" />
        <div className="core-strip-axis" aria-hidden="true">
          {ticks.map((ms) => (
            <span key={ms}>{ms === 0 ? 'now' : `−${Math.round(ms / 1000)} s`}</span>
          ))}
        </div>
      </div>
      <div className="core-strip-scale" aria-hidden="true">
        <span>0%</span>
        <span className="heat-scale" style={{ background: heatGradient(theme) }} />
        <span>100% of one core</span>
      </div>
    </div>
  );
}
