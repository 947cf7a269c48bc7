/**
 * A live run as a snapshot, both ways: the content the save dialog keeps once the run has
 * ended, and the state that shows a reopened live snapshot in the live panel.
 */
import { errorMessage } from '../../shared/errors';
import type { CoreSample } from '../../shared/results';
import { liveContent, type Snapshot, type SnapshotContent } from '../../shared/snapshot';
import type { ChartRow } from '../charts/chart-types';
import type { LiveState } from './live-state';

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
