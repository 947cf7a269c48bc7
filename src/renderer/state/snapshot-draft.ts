/**
 * What the window saves as a snapshot: the latest run or sweep as the window holds it
 * (engine and page models alike), its configuration, and the core samples the window kept
 * around each model's run. The page's CoreHistory covers the page's own models too, which
 * the engine never sees, so the series comes from here rather than from the engine.
 */
import { errorMessage } from '../../shared/errors';
import type { CoreSample } from '../../shared/results';
import {
  runConfigSchema,
  sweepConfigSchema,
  type RunConfig,
  type SweepConfig,
} from '../../shared/run-config';
import { suggestSnapshotName, type SnapshotContent } from '../../shared/snapshot';
import { prepareWork } from '../../shared/run-prep';
import type { ResultEntry, RunState } from './run-state';

/** The configuration of the latest run or sweep, as the window started it. */
export type StartedRun =
  | { kind: 'run'; config: RunConfig; startedAt: string }
  | { kind: 'sweep'; config: SweepConfig; startedAt: string };

/** The core samples of all entries, each once, oldest first. */
export function mergeCoreSamples(entries: readonly ResultEntry[]): CoreSample[] {
  const byTime = new Map<number, CoreSample>();
  for (const entry of entries) {
    for (const sample of entry.coreSamples) byTime.set(sample.t, sample);
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/** The config with the workload's defaults filled in, as the engine would report it. */
function concrete<T extends RunConfig | SweepConfig>(config: T): T {
  const { params, taskCount } = prepareWork(config, 1);
  return { ...config, params, taskCount };
}

/**
 * The snapshot content of the window's latest run or sweep, or a sentence saying why there
 * is nothing to save (nothing finished yet, a run still going).
 */
export function snapshotContentOf(
  state: RunState,
  started: StartedRun | null,
): { content: SnapshotContent } | { reason: string } {
  if (state.phase !== 'idle') return { reason: 'Wait until the run has ended' };
  if (!started) return { reason: 'Run a comparison or a sweep first' };
  try {
    if (started.kind === 'run') {
      const entries = state.results;
      if (entries.length === 0) return { reason: 'The run produced no results to save' };
      return {
        content: {
          kind: 'run',
          config: runConfigSchema.parse(concrete(started.config)),
          startedAt: started.startedAt,
          results: entries.map((e) => e.result),
          isCancelled: state.progress.some((row) => row.phase === 'cancelled'),
          interference: state.method?.interference ?? null,
          verdict: state.method?.verdict ?? null,
          estimate: state.method?.estimate ?? null,
          coreSeries: mergeCoreSamples(entries),
          modelStartsMs: entries.map((e) => e.startSamplerMs),
        },
      };
    }
    const sweep = state.sweep;
    if (!sweep || sweep.results.length === 0) {
      return { reason: 'The sweep produced no results to save' };
    }
    return {
      content: {
        kind: 'sweep',
        config: sweepConfigSchema.parse(concrete(started.config)),
        startedAt: started.startedAt,
        results: sweep.results.map((e) => e.result),
        points: sweep.points,
        fit: sweep.fit,
        interference: state.method?.interference ?? null,
        estimate: state.method?.estimate ?? null,
        coreSeries: mergeCoreSamples(sweep.results),
        modelStartsMs: sweep.results.map((e) => e.startSamplerMs),
      },
    };
  } catch (error) {
    return { reason: `This run cannot be saved: ${errorMessage(error)}` };
  }
}

/** A name for the save dialog to start from: workload, models and the local time. */
export function defaultSnapshotName(content: SnapshotContent, now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const when = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}`;
  if (content.kind === 'pipeline') {
    const { model, producers, consumers } = content.config;
    return suggestSnapshotName(`pipeline ${model} ${producers}p ${consumers}c ${when}`);
  }
  const models = content.kind === 'sweep' ? [] : content.config.models.map((m) => m.model);
  const what =
    content.kind === 'sweep'
      ? `${content.config.model} sweep`
      : content.kind === 'live'
        ? `live ${models.join(' ')}`
        : models.join(' vs ');
  const full = `${content.config.workload} ${what} ${when}`;
  // Keep the time when the models' names are long: it is what tells two runs apart.
  return suggestSnapshotName(full.length <= 80 ? full : `${content.config.workload} ${when}`);
}
