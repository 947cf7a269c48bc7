/**
 * Saved snapshots in the shapes the window's panels draw: the results and sweep of one
 * snapshot (so ResultsPanel and SweepPanel show it as they show a live run), and the chart
 * data of a comparison (grouped throughput bars, overlaid speedup curves).
 */
import { MODELS } from '../../shared/models';
import type { Snapshot } from '../../shared/snapshot';
import type { SnapshotComparison } from '../../shared/snapshot-compare';
import type { ChartRow, ChartSeries } from '../charts/chart-types';
import type { ResultEntry, SweepView } from './run-state';

/** How far around a model's run its core strip reaches, as the live view slices it. */
const CORE_MARGIN_MS = 1000;

/** Colours of snapshots A, B, C, … in comparison charts (models keep theirs elsewhere). */
export const SNAPSHOT_COLORS = [
  'var(--accent)',
  '#f97316',
  '#10b981',
  '#a855f7',
  '#e11d48',
  '#0891b2',
  '#ca8a04',
  '#64748b',
] as const;

/** The colour of the snapshot at `index` in a comparison. */
export function snapshotColor(index: number): string {
  return SNAPSHOT_COLORS[index % SNAPSHOT_COLORS.length]!;
}

/** Each result with the core samples of its own run, as the live window had them. */
export function entriesFromSnapshot(snapshot: Snapshot): ResultEntry[] {
  return snapshot.results.map((result, index) => {
    const start = snapshot.modelStartsMs[index] ?? null;
    const coreSamples =
      start === null
        ? []
        : snapshot.coreSeries.filter(
            (s) => s.t >= start - CORE_MARGIN_MS && s.t <= start + result.wallMs + CORE_MARGIN_MS,
          );
    return { result, startSamplerMs: start, coreSamples };
  });
}

/** A sweep snapshot as SweepPanel's view; null for a comparison. */
export function sweepViewFromSnapshot(snapshot: Snapshot): SweepView | null {
  if (snapshot.kind !== 'sweep') return null;
  return {
    model: snapshot.config.model,
    maxWorkers: snapshot.config.maxWorkers,
    measurements: snapshot.points.map(({ workers, roundWallMs }) => ({ workers, roundWallMs })),
    points: snapshot.points,
    fit: snapshot.fit,
    results: entriesFromSnapshot(snapshot),
  };
}

/** The sampler's interval in the snapshot (median gap between samples), 100 ms if unknown. */
export function sampleIntervalOf(snapshot: Snapshot): number {
  const gaps: number[] = [];
  for (let i = 1; i < snapshot.coreSeries.length; i++) {
    const gap = snapshot.coreSeries[i]!.t - snapshot.coreSeries[i - 1]!.t;
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return 100;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/** Throughput per model (rows) per snapshot (series), for a grouped bar chart. */
export function throughputBars(comparison: SnapshotComparison): {
  rows: ChartRow[];
  series: ChartSeries[];
} {
  const series: ChartSeries[] = comparison.snapshots.map((s, index) => ({
    key: `s${index}`,
    label: `${s.label}: ${s.name}`,
    color: snapshotColor(index),
  }));
  const rows: ChartRow[] = comparison.rows.map((row) => {
    const chartRow: ChartRow = { name: MODELS[row.model].shortLabel, model: row.model };
    row.cells.forEach((cell, index) => {
      chartRow[`s${index}`] = cell ? cell.tasksPerSec : null;
    });
    return chartRow;
  });
  return { rows, series };
}

/** The measured speedup curves of every sweep among the snapshots, over one worker axis. */
export function speedupOverlay(
  snapshots: readonly Snapshot[],
  labels: readonly string[],
): { rows: ChartRow[]; series: ChartSeries[]; maxWorkers: number } {
  const series: ChartSeries[] = [];
  const byWorkers = new Map<number, ChartRow>();
  snapshots.forEach((snapshot, index) => {
    if (snapshot.kind !== 'sweep') return;
    const key = `s${index}`;
    series.push({
      key,
      label: `${labels[index]}: ${MODELS[snapshot.config.model].label} (${snapshot.name})`,
      color: snapshotColor(index),
    });
    for (const point of snapshot.points) {
      const row = byWorkers.get(point.workers) ?? { workers: point.workers };
      row[key] = point.speedup;
      byWorkers.set(point.workers, row);
    }
  });
  const maxWorkers = Math.max(1, ...byWorkers.keys());
  if (series.length > 0) {
    series.push({ key: 'ideal', label: 'Ideal (N×)', color: 'var(--text-muted)', isDashed: true });
  }
  const rows = [...byWorkers.values()]
    .sort((a, b) => Number(a.workers) - Number(b.workers))
    .map((row) => {
      const filled: ChartRow = { ...row, ideal: Number(row.workers) };
      for (const s of series) if (!(s.key in filled)) filled[s.key] = null;
      return filled;
    });
  return { rows, series, maxWorkers };
}

/** "2025-01-02 14:05" in this computer's time zone; the text itself if it is not a date. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
