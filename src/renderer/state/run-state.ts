/**
 * What the window knows about the current and latest runs, as a pure reducer: the run
 * controller turns engine events and renderer-side runs into these actions.
 */
import { MODELS, type ModelId } from '../../shared/models';
import type { CoreSample, ModelResult } from '../../shared/results';
import type { Interference, RunEstimate } from '../../shared/measurement';
import type { ModelRun } from '../../shared/run-config';
import {
  fitScaling,
  sweepObservations,
  sweepPoints,
  type ScalingFit,
  type SweepMeasurement,
  type SweepPoint,
} from '../../shared/stats/scaling';

export type RunKind = 'run' | 'sweep';

/** Where one model of the current run stands. */
export type ModelPhase = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One progress bar. */
export interface ModelProgress {
  model: ModelId;
  workers: number;
  done: number;
  total: number;
  /** Ms since the model's run began, as its host measured it. */
  elapsedMs: number;
  phase: ModelPhase;
}

/** A model's result with what the window adds to it for display. */
export interface ResultEntry {
  result: ModelResult;
  /** When the model's run began, on the sampler's clock; null when unknown. */
  startSamplerMs: number | null;
  /** The core samples that cover the run, for the timeline's aligned core strip. */
  coreSamples: CoreSample[];
}

/** The latest sweep: its measurements so far, and the fits once there are enough. */
export interface SweepView {
  model: ModelId;
  maxWorkers: number;
  /** Wall time per worker count, as measured. */
  measurements: SweepMeasurement[];
  points: SweepPoint[];
  fit: ScalingFit | null;
  results: ResultEntry[];
}

/** How the engine took the latest run's measurement: its estimate, other load and verdict. */
export interface RunMethod {
  estimate: RunEstimate | null;
  interference: Interference | null;
  verdict: string | null;
}

export interface RunState {
  phase: 'idle' | 'running' | 'stopping';
  /** The latest engine run's method; null until one has reported it. */
  method: RunMethod | null;
  kind: RunKind | null;
  /** Sweep progress: worker counts finished of maxWorkers. */
  progress: ModelProgress[];
  /** A step that is neither a model nor its progress ("computing the reference checksum"). */
  note: string | null;
  /** The round under way (1-based) of how many; null outside rounds. */
  round: { round: number; rounds: number } | null;
  results: ResultEntry[];
  sweep: SweepView | null;
  /** The sentence the aria-live status region reads out. */
  status: string;
  isError: boolean;
}

export type RunAction =
  | { type: 'begin-run'; models: readonly ModelRun[]; taskCount: number }
  | { type: 'begin-sweep'; model: ModelId; maxWorkers: number; taskCount: number }
  | { type: 'model-start'; model: ModelId; workers: number; total: number }
  | { type: 'progress'; model: ModelId; done: number; total: number; elapsedMs: number }
  | { type: 'note'; note: string | null }
  | { type: 'round'; round: number; rounds: number }
  | { type: 'result'; entry: ResultEntry }
  | { type: 'sweep-point'; workers: number; wallMs: number }
  /** The engine's own sweep analysis, which replaces the window's running estimate. */
  | { type: 'sweep-fit'; points: SweepPoint[]; fit: ScalingFit }
  | { type: 'stopping' }
  /** The engine's estimate before measuring, or its run's method once it ended. */
  | { type: 'method'; method: Partial<RunMethod> }
  | { type: 'finish'; outcome: 'complete' | 'cancelled' | 'failed'; message?: string };

/** The state of a window that has run nothing yet. */
export const initialRunState: RunState = {
  phase: 'idle',
  method: null,
  kind: null,
  progress: [],
  note: null,
  round: null,
  results: [],
  sweep: null,
  status: 'Ready',
  isError: false,
};

/** Applies one action. */
export function reduceRun(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'begin-run':
      return {
        ...state,
        phase: 'running',
        method: null,
        kind: 'run',
        note: CALIBRATING_NOTE,
        round: null,
        results: [],
        progress: action.models.map(({ model, workers }) =>
          queued(model, workers, action.taskCount),
        ),
        status: `Running ${plural(action.models.length, 'model')}…`,
        isError: false,
      };
    case 'begin-sweep':
      return {
        ...state,
        phase: 'running',
        method: null,
        kind: 'sweep',
        note: CALIBRATING_NOTE,
        round: null,
        progress: [queued(action.model, 1, action.taskCount)],
        sweep: {
          model: action.model,
          maxWorkers: action.maxWorkers,
          measurements: [],
          points: [],
          fit: null,
          results: [],
        },
        status: `Sweeping ${MODELS[action.model].label} from 1 to ${plural(action.maxWorkers, 'worker')}…`,
        isError: false,
      };
    case 'model-start':
      return updateProgress(state, action.model, (row) => ({
        ...row,
        workers: action.workers,
        done: 0,
        total: action.total,
        elapsedMs: 0,
        phase: 'running',
      }));
    case 'progress':
      return updateProgress(state, action.model, (row) => ({
        ...row,
        done: action.done,
        total: action.total,
        elapsedMs: action.elapsedMs,
        phase: 'running',
      }));
    case 'note':
      return { ...state, note: action.note };
    case 'round':
      return { ...state, round: { round: action.round, rounds: action.rounds } };
    case 'result':
      return withResult(state, action.entry);
    case 'sweep-point': {
      // A worker count that produced no time (it failed at once) has no speedup to plot.
      if (!state.sweep || !(action.wallMs > 0)) return state;
      const measurements: SweepMeasurement[] = [
        ...state.sweep.measurements.filter((m) => m.workers !== action.workers),
        { workers: action.workers, roundWallMs: [action.wallMs] },
      ];
      return { ...state, sweep: { ...state.sweep, measurements, ...analyse(measurements) } };
    }
    case 'sweep-fit':
      if (!state.sweep) return state;
      return { ...state, sweep: { ...state.sweep, points: action.points, fit: action.fit } };
    case 'method': {
      const method = {
        ...(state.method ?? { estimate: null, interference: null, verdict: null }),
        ...action.method,
      };
      // Calibration has sized the run: say what it found until the first model starts.
      const note =
        action.method.estimate && state.note === CALIBRATING_NOTE
          ? sizedNote(action.method.estimate)
          : state.note;
      return { ...state, method, note };
    }
    case 'stopping':
      return state.phase === 'running'
        ? { ...state, phase: 'stopping', status: 'Stopping…' }
        : state;
    case 'finish':
      return finish(state, action.outcome, action.message);
    default: {
      const unknown: never = action;
      throw new Error(`unknown run action ${JSON.stringify(unknown)}`);
    }
  }
}

/** The phase before any model runs: the engine sizes the work to the machine. */
export const CALIBRATING_NOTE =
  'Calibrating: a few small tasks per model size the work to this machine…';

/** What calibration decided, said while the reference checksum and quiet check run. */
export function sizedNote(estimate: RunEstimate): string {
  const size = estimate.isSized ? 'Sized to this machine' : 'Your size';
  return `${size}: ${plural(estimate.taskCount, 'task')}, ${estimate.note}. Checking that the machine is quiet…`;
}

/** Estimated ms left for a progress row, or null before anything is done to go by. */
export function estimateLeftMs(row: ModelProgress): number | null {
  if (row.phase !== 'running' || row.done <= 0 || row.total <= 0) return null;
  return (row.elapsedMs * (row.total - row.done)) / row.done;
}

function queued(model: ModelId, workers: number, total: number): ModelProgress {
  return { model, workers, done: 0, total, elapsedMs: 0, phase: 'queued' };
}

function updateProgress(
  state: RunState,
  model: ModelId,
  update: (row: ModelProgress) => ModelProgress,
): RunState {
  if (state.phase === 'idle') return state;
  const exists = state.progress.some((row) => row.model === model);
  const rows = exists ? state.progress : [...state.progress, queued(model, 1, 0)];
  return { ...state, progress: rows.map((row) => (row.model === model ? update(row) : row)) };
}

function withResult(state: RunState, entry: ResultEntry): RunState {
  const { result } = entry;
  const phase: ModelPhase =
    result.error?.code === 'cancelled'
      ? 'cancelled'
      : result.error || !result.verified
        ? 'failed'
        : 'done';
  const next = updateProgress(state, result.model, (row) => ({
    ...row,
    done: result.tasksDone,
    total: result.taskCount,
    elapsedMs: result.wallMs,
    phase,
  }));
  if (state.kind === 'sweep' && state.sweep) {
    return { ...next, sweep: { ...state.sweep, results: [...state.sweep.results, entry] } };
  }
  // One row per model: a repeated result (the run's final list after the live events)
  // replaces the earlier one rather than doubling it.
  const others = state.results.filter((e) => e.result.model !== result.model);
  return { ...next, results: [...others, entry] };
}

/** Speedups and fits of a sweep's measurements so far (each fit says when it has too few). */
function analyse(measured: SweepMeasurement[]): { points: SweepPoint[]; fit: ScalingFit | null } {
  // Speedups are relative to N = 1, which a sweep measures first; before it, nothing to show.
  if (!measured.some((m) => m.workers === 1)) return { points: [], fit: null };
  return { points: sweepPoints(measured), fit: fitScaling(sweepObservations(measured)) };
}

function finish(
  state: RunState,
  outcome: 'complete' | 'cancelled' | 'failed',
  message?: string,
): RunState {
  const noun = state.kind === 'sweep' ? 'Sweep' : 'Run';
  const status =
    outcome === 'complete'
      ? `${noun} complete`
      : outcome === 'cancelled'
        ? `${noun} cancelled`
        : `${noun} failed${message ? `: ${message}` : ''}`;
  const closing: ModelPhase = outcome === 'cancelled' ? 'cancelled' : 'failed';
  return {
    ...state,
    phase: 'idle',
    note: null,
    round: null,
    // Bars that never got a result end in the run's outcome, not frozen mid-way.
    progress: state.progress.map((row) =>
      row.phase === 'queued' || row.phase === 'running' ? { ...row, phase: closing } : row,
    ),
    status,
    isError: outcome === 'failed',
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
