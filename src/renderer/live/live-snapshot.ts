/**
 * A live run as a snapshot, both ways: the content the save dialog keeps once the run has
 * ended, and the state that shows a reopened live snapshot in the live panel.
 */
import { errorMessage } from '../../shared/errors';
import type { CoreSample } from '../../shared/results';
import { liveContent, type Snapshot, type SnapshotContent } from '../../shared/snapshot';
import type { LiveStep } from '../../shared/live/live-schema';
import type { ChartRow, ChartSeries } from '../charts/chart-types';
import { snapshotColor } from '../state/snapshot-view';
import { formatTaskUs } from './live-form';
import type { LiveState } from './live-state';
import { MODELS } from '../../shared/models';

/** Core samples kept on either side of the run, for context. */
const CORE_MARGIN_MS = 1000;

/**
 * The snapshot content of the window's last live run, with the cores of its time span, or a
 * sentence saying why there is nothing to save.
 */
export function liveSnapshotContentOf(
  state: LiveState,
  history: { slice(fromMs: number, toMs: number): CoreSample[] },
): { content: SnapshotContent } | { reason: string } {
  if (state.phase !== 'idle') return { reason: 'Wait until the live run has ended' };
  const { result } = state;
  if (!result) return { reason: 'Run live first' };
  const startMs = Date.parse(result.startedAt);
  const coreSeries = history.slice(
    startMs - CORE_MARGIN_MS,
    startMs + result.durationMs + CORE_MARGIN_MS,
  );
  try {
    return { content: liveContent(result, coreSeries) };
  } catch (error) {
    return { reason: `This live run cannot be saved: ${errorMessage(error)}` };
  }
}

/** A reopened live snapshot as the live panel's state: ended, with its whole series. */
export function liveStateOfSnapshot(snapshot: Extract<Snapshot, { kind: 'live' }>): LiveState {
  const { live } = snapshot;
  const lastTaskUs = live.models
    .flatMap((m) => m.samples.slice(-1))
    .map((s) => s.taskUs)
    .at(0);
  return {
    phase: 'idle',
    config: live.config,
    models: live.models.map((m) => ({
      model: m.model,
      workers: m.samples.at(-1)?.workers ?? 1,
      samples: m.samples,
      resizes: m.resizes,
      problem: null,
    })),
    taskUs: lastTaskUs ?? live.config.taskUs,
    result: live,
    status: `Snapshot ${snapshot.name}`,
    isError: live.models.some((m) => m.error !== null || m.checksumVerified === false),
  };
}

/** Cores busy in total (2 cores at 50% = 1) against seconds since the live run began. */
export function coresBusyRows(coreSeries: readonly CoreSample[], startedAt: string): ChartRow[] {
  const startMs = Date.parse(startedAt);
  return coreSeries.map((sample) => ({
    seconds: (sample.t - startMs) / 1000,
    busy: sample.cores.reduce((sum, percent) => sum + percent, 0) / 100,
  }));
}

/** The task size a model ran longest at: the one its scaling points are taken from. */
function mainTaskUs(steps: readonly LiveStep[]): number | null {
  const time = new Map<number, number>();
  for (const step of steps) time.set(step.taskUs, (time.get(step.taskUs) ?? 0) + step.durationMs);
  return [...time.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * Throughput against workers of every model of every live snapshot, one series each, from
 * its steps at the task size it ran longest (a step's rate weighted by its time).
 */
export function liveScalingOverlay(
  snapshots: readonly Snapshot[],
  labels: readonly string[],
): { rows: ChartRow[]; series: ChartSeries[] } {
  const series: ChartSeries[] = [];
  const byWorkers = new Map<number, ChartRow>();
  snapshots.forEach((snapshot, index) => {
    if (snapshot.kind !== 'live') return;
    for (const model of snapshot.live.models) {
      const taskUs = mainTaskUs(model.steps);
      if (taskUs === null) continue;
      const key = `s${index}-${model.model}`;
      series.push({
        key,
        label: `${labels[index]}: ${MODELS[model.model].shortLabel}, ${formatTaskUs(taskUs)} tasks`,
        // Coloured by snapshot, as every comparison chart is; the label names the model.
        color: snapshotColor(index),
      });
      const sums = new Map<number, { tasks: number; ms: number }>();
      for (const step of model.steps) {
        if (step.taskUs !== taskUs || step.durationMs <= 0) continue;
        const sum = sums.get(step.workers) ?? { tasks: 0, ms: 0 };
        sum.tasks += step.tasksPerSec * step.durationMs;
        sum.ms += step.durationMs;
        sums.set(step.workers, sum);
      }
      for (const [workers, { tasks, ms }] of sums) {
        const row = byWorkers.get(workers) ?? { workers };
        row[key] = tasks / ms;
        byWorkers.set(workers, row);
      }
    }
  });
  const rows = [...byWorkers.values()]
    .sort((a, b) => Number(a.workers) - Number(b.workers))
    .map((row) => {
      const filled: ChartRow = { ...row };
      for (const s of series) if (!(s.key in filled)) filled[s.key] = null;
      return filled;
    });
  return { rows, series };
}
