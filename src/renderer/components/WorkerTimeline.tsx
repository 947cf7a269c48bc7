/** The per-worker timeline of one model's run, with the cores of the same seconds above it. */
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { durationAxisFormat, formatMs } from '../../shared/format';
import { MODELS, describeWorkers } from '../../shared/models';
import type { TimelineEntry } from '../../shared/results';
import type { Theme } from '../charts/heat-palette';
import { readableTextOn } from '../charts/readable-text';
import {
  laneHeightFor,
  paintTimeline,
  timelineHeight,
  type TimelineLayout,
} from '../charts/timeline-painter';
import { useElementSize } from '../hooks/use-element-size';
import type { ResultEntry } from '../state/run-state';

export interface WorkerTimelineProps {
  entries: readonly ResultEntry[];
  theme: Theme;
  sampleIntervalMs: number;
}

const GUTTER = 44;
const AXIS_HEIGHT = 20;

/** Per-lane task lists sorted by start, for finding the task under the pointer. */
function byLane(timeline: readonly TimelineEntry[], lanes: number): TimelineEntry[][] {
  const result: TimelineEntry[][] = Array.from({ length: lanes }, () => []);
  for (const entry of timeline) result[entry.worker]?.push(entry);
  for (const lane of result) lane.sort((a, b) => a.startMs - b.startMs);
  return result;
}

/** A model picker and the chosen model's timeline. */
export function WorkerTimeline({ entries, theme, sampleIntervalMs }: WorkerTimelineProps) {
  const [chosen, setChosen] = useState<string | null>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(plotRef);
  const entry = entries.find((e) => e.result.model === chosen) ?? entries[0];
  const result = entry?.result;
  const lanes = result?.workers ?? 0;
  const spanMs = Math.max(1, result?.wallMs ?? 1);
  const hasCores = Boolean(entry && entry.coreSamples.length > 0 && entry.startSamplerMs !== null);
  const layout: TimelineLayout = {
    width,
    coreStripHeight: hasCores
      ? Math.min(64, Math.max(24, (entry?.coreSamples[0]?.cores.length ?? 0) * 4))
      : 0,
    laneHeight: laneHeightFor(lanes),
    lanes,
    gutter: GUTTER,
    axisHeight: AXIS_HEIGHT,
  };
  const height = timelineHeight(layout);
  const lanesTop = layout.coreStripHeight > 0 ? layout.coreStripHeight + 8 : 0;
  const sortedLanes = useMemo(
    () => (result ? byLane(result.timeline, result.workers) : []),
    [result],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !entry || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const css = getComputedStyle(document.documentElement);
    const read = (name: string): string => css.getPropertyValue(name).trim();
    const failed = read('--danger') || '#dc2626';
    paintTimeline(
      context,
      { ...layout, width },
      spanMs,
      entry.result.timeline,
      {
        samples: entry.coreSamples,
        startSamplerMs: entry.startSamplerMs,
        intervalMs: sampleIntervalMs,
      },
      theme,
      {
        bar: MODELS[entry.result.model].colour,
        barText: readableTextOn(MODELS[entry.result.model].colour),
        failed,
        failedText: readableTextOn(failed),
        lane: read('--lane') || 'rgba(0,0,0,0.04)',
        text: read('--text-muted') || '#64748b',
        grid: read('--chart-grid') || '#e2e8f0',
      },
      durationAxisFormat(spanMs),
    );
    // layout is derived from the values listed; listing it would repaint on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry, width, height, spanMs, theme, sampleIntervalMs]);

  if (!entry || !result) return null;
  const coresUsed = new Set(result.timeline.flatMap((t) => (t.cpu === null ? [] : [t.cpu]))).size;

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    const tip = tipRef.current;
    if (!tip) return;
    const box = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top - lanesTop;
    const lane = Math.floor(py / layout.laneHeight);
    const ms = ((px - GUTTER) / Math.max(1, width - GUTTER - 8)) * spanMs;
    const task = sortedLanes[lane]?.find((t) => t.startMs <= ms && ms <= t.endMs);
    if (!task) {
      tip.hidden = true;
      return;
    }
    tip.textContent = `Worker ${task.worker} · task ${task.taskIndex} · ${formatMs(task.startMs)} → ${formatMs(task.endMs)} (${formatMs(task.endMs - task.startMs)})${task.cpu === null ? '' : ` · core ${task.cpu}`}${task.isOk ? '' : ' · failed'}`;
    tip.hidden = false;
    tip.style.transform = `translate(${Math.min(px + 12, width - 300)}px, ${event.clientY - box.top + 14}px)`;
  };

  return (
    <section className="subpanel" aria-labelledby="timeline-title">
      <header className="subpanel-header">
        <h3 id="timeline-title">Worker timeline</h3>
        <div className="segmented" role="group" aria-label="Model shown in the timeline">
          {entries.map((e) => {
            const isChosen = e === entry;
            return (
              <button
                key={e.result.model}
                type="button"
                aria-pressed={isChosen}
                className={isChosen ? 'segment is-chosen' : 'segment'}
                onClick={() => setChosen(e.result.model)}
              >
                <span
                  className="model-dot"
                  style={{ backgroundColor: MODELS[e.result.model].colour }}
                  aria-hidden="true"
                />
                {MODELS[e.result.model].label}
              </button>
            );
          })}
        </div>
      </header>
      <p className="subpanel-note">
        {MODELS[result.model].label}: {describeWorkers(result.model, result.workers)},{' '}
        {result.timeline.length} tasks over {formatMs(result.wallMs)}. Each bar is one task
        {coresUsed > 0 ? ', labelled with the core it last ran on where it is wide enough' : ''};
        the strip on top shows every core during the same time.
      </p>
      <div className="timeline-plot" ref={plotRef}>
        <canvas
          ref={canvasRef}
          style={{ height }}
          role="img"
          aria-label={`Timeline of ${MODELS[result.model].label}: ${result.workers} lanes, ${result.timeline.length} tasks over ${formatMs(result.wallMs)}${coresUsed > 0 ? `, run on ${coresUsed} different ${coresUsed === 1 ? 'core' : 'cores'}` : ''}`}
          data-testid="worker-timeline"
          onPointerMove={onPointerMove}
          onPointerLeave={() => {
            if (tipRef.current) tipRef.current.hidden = true;
          }}
        />
        <div className="core-strip-tip" ref={tipRef} hidden role="presentation" />
      </div>
    </section>
  );
}
