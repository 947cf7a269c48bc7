/**
 * The live per-core chart: one row per logical core, time along x, colour = utilisation, or
 * the model whose worker ran there (issue 17, "Which core").
 */
import { useCallback, useEffect, useId, useRef, useState, type PointerEvent } from 'react';
import { describeOccupant } from '../../shared/core-occupancy';
import { formatMs } from '../../shared/format';
import { MODELS, type ModelId } from '../../shared/models';
import { ChartLegend } from '../charts/ChartLegend';
import { heatGradient, otherLoadColor, type Theme } from '../charts/heat-palette';
import { HeatStripPainter, type StripColouring } from '../charts/heat-strip-painter';
import { useElementSize } from '../hooks/use-element-size';
import { useSampleFrames } from '../hooks/use-sample-frames';
import type { CoreHistory } from '../state/core-history';
import { RecentOccupants } from '../state/recent-occupants';

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

/** How often the screen-reader text of who is on each core may change. */
const OCCUPANT_TEXT_INTERVAL_MS = 1000;

/** The newest sample's occupants in words, for screen readers; '' when it names none. */
function occupantText(history: CoreHistory): string {
  const last = history.lastIndex;
  if (last < 0) return '';
  const parts: string[] = [];
  for (let core = 0; core < history.cores; core++) {
    const occupant = history.occupantAt(last, core);
    if (occupant) parts.push(`core ${core}: ${describeOccupant(occupant)}`);
  }
  return parts.length === 0
    ? ''
    : `Last ran on each core: ${parts.join('; ')}. No worker of the run on the other cores.`;
}

/** Draws the strip on a canvas, one column per sample, without re-rendering React. */
export function CoreHeatStrip({ history, windowMs, slotMs, theme }: CoreHeatStripProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const painterRef = useRef<HeatStripPainter | null>(null);
  const gapColorRef = useRef('transparent');
  const occupantTextRef = useRef<HTMLParagraphElement>(null);
  const occupantTextAtRef = useRef(-Infinity);
  const occupantTextId = useId();
  const [cores, setCores] = useState(history.cores);
  const [colouring, setColouring] = useState<StripColouring>('utilisation');
  const colouringRef = useRef(colouring);
  const [hasOccupants, setHasOccupants] = useState(history.hasOccupants);
  const [legendModels, setLegendModels] = useState<readonly ModelId[]>([]);
  const recentRef = useRef<RecentOccupants | null>(null);
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
    painter.setColouring(colouringRef.current);
    painter.rebuild();
    painterRef.current = painter;
    const recent = new RecentOccupants(history);
    recent.addWindow(windowMs);
    // The legend follows with the next frame of samples.
    recentRef.current = recent;
    paint();
    return () => {
      painterRef.current = null;
      recentRef.current = null;
    };
  }, [history, windowMs, slotMs, theme, paint]);

  useEffect(() => {
    colouringRef.current = colouring;
    painterRef.current?.setColouring(colouring);
    paint();
  }, [colouring, paint]);

  /** The legend, and at most once a second the words of who is on each core. */
  const updateOccupants = (from: number, to: number): void => {
    setHasOccupants(true);
    const recent = recentRef.current;
    if (recent) {
      recent.add(from, to);
      const models = recent.models(windowMs);
      // Set only on a change, so that a frame re-renders nothing while the models stay.
      setLegendModels((shown) => (shown.join() === models.join() ? shown : models));
    }
    const now = performance.now();
    const text = occupantTextRef.current;
    if (text && now - occupantTextAtRef.current >= OCCUPANT_TEXT_INTERVAL_MS) {
      occupantTextAtRef.current = now;
      text.textContent = occupantText(history);
    }
  };

  useSampleFrames(history, (from, to) => {
    if (history.cores !== cores) {
      // A different host behind the page: the next render sizes the rows afresh.
      setCores(history.cores);
      painterRef.current?.rebuild();
    } else {
      for (let i = from; i <= to; i++) painterRef.current?.add(i);
    }
    paint();
    if (history.hasOccupants) updateOccupants(from, to);
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
    const occupant = picked.index === null ? null : history.occupantAt(picked.index, picked.core);
    tip.textContent = `Core ${picked.core} · ${value} · ${age}${occupant ? ` · ${describeOccupant(occupant)}` : ''}`;
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
          aria-label={
            colouring === 'model'
              ? `The run's workers on each of the ${cores} logical cores over the last ${formatMs(windowMs)}, one row per core, coloured by model`
              : `Utilisation of each of the ${cores} logical cores over the last ${formatMs(windowMs)}, one row per core`
          }
          aria-describedby={hasOccupants ? occupantTextId : undefined}
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
      <div className="core-strip-scale">
        {hasOccupants && (
          <div className="segmented" role="group" aria-label="Colour the cores by">
            {(['utilisation', 'model'] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={colouring === option}
                className={colouring === option ? 'segment is-chosen' : 'segment'}
                onClick={() => setColouring(option)}
              >
                {option === 'model' ? 'Model' : 'Utilisation'}
              </button>
            ))}
          </div>
        )}
        {colouring === 'model' ? (
          <ChartLegend
            series={[
              ...legendModels.map((model) => ({
                key: model,
                label: MODELS[model].label,
                color: MODELS[model].colour,
              })),
              {
                key: 'other',
                label: 'Other load (none of the run’s workers)',
                color: otherLoadColor(theme),
              },
            ]}
          />
        ) : (
          <span className="core-strip-heat" aria-hidden="true">
            <span>0%</span>
            <span className="heat-scale" style={{ background: heatGradient(theme) }} />
            <span>100% of one core</span>
          </span>
        )}
        <p className="visually-hidden" id={occupantTextId} ref={occupantTextRef} />
      </div>
    </div>
  );
}
