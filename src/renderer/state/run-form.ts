/**
 * The controls' values and the rules around them: defaults from the host, which models can
 * run the chosen workload here, and the run or sweep configuration the form describes.
 */
import type { Capabilities, WorkloadSummary } from '../../shared/lab-api';
import type { RunEstimate } from '../../shared/measurement';
import { MODEL_IDS, MODELS, type ModelId } from '../../shared/models';
import {
  MAX_ROUNDS,
  MAX_TASKS,
  type ModelRun,
  type RunConfig,
  type SweepConfig,
} from '../../shared/run-config';
import type { ParamSpec, WorkloadParams } from '../../shared/workloads/types';

export interface RunForm {
  workloadId: string;
  /** Size params per workload, so switching workloads and back keeps what was typed. */
  params: Record<string, WorkloadParams>;
  taskCounts: Record<string, number>;
  /**
   * Workloads whose size the person set. The others are sized by the engine's calibration
   * to this machine: their params and task count are not sent with a run.
   */
  explicitSize: Record<string, boolean>;
  /** Rounds of a comparison and of each sweep point. */
  rounds: number;
  sweepRounds: number;
  selected: Record<ModelId, boolean>;
  workers: Record<ModelId, number>;
  sweepModel: ModelId;
  sweepMaxWorkers: number;
}

/** One round is a quick comparison; a sweep's fit needs the spread of three. */
export const DEFAULT_RUN_ROUNDS = 1;
export const DEFAULT_SWEEP_ROUNDS = 3;

/** The models selected by default: the three lessons every host can show. */
const DEFAULT_SELECTED: readonly ModelId[] = ['event-loop', 'worker-threads', 'child-process'];

/** Whether the page itself can host Web Workers (false in a test DOM or an odd embed). */
export function canUseWebWorkers(): boolean {
  return typeof Worker !== 'undefined';
}

/**
 * Why `model` cannot run `workload` here, or null if it can. Engine models take the
 * engine's word; renderer models run in this page, which has timers but no file system
 * and cannot reach the engine's per-run HTTP server.
 */
export function modelUnavailableReason(
  model: ModelId,
  capabilities: Capabilities,
  workload: WorkloadSummary | undefined,
  hasWebWorkers = canUseWebWorkers(),
): string | null {
  if (MODELS[model].runtime === 'renderer') {
    if (model === 'web-workers' && !hasWebWorkers) return 'this page cannot start Web Workers';
    if (workload?.needs.includes('file')) {
      return `runs in the page, which has no file access for ${workload.label}`;
    }
    if (workload?.needs.includes('http')) {
      return `runs in the page, which cannot reach the engine's HTTP server for ${workload.label}`;
    }
    if (workload?.needs.includes('worker-exit') || workload?.needs.includes('memory-limit')) {
      return `runs in the page, where a worker cannot exit or have a heap limit of its own (${workload.label})`;
    }
    return null;
  }
  const entry = capabilities.models.find((m) => m.id === model);
  if (!entry) return 'this engine does not offer it';
  return (
    entry.unavailableReason ?? (workload ? (entry.workloadReasons[workload.id] ?? null) : null)
  );
}

/** The form a new window opens with: first workload, its defaults, workers = logical cores. */
export function defaultForm(capabilities: Capabilities, logicalCores: number): RunForm {
  const maxWorkers = Math.max(1, capabilities.maxWorkers);
  const workers = clamp(logicalCores, 1, maxWorkers);
  const selected = {} as Record<ModelId, boolean>;
  const workerCounts = {} as Record<ModelId, number>;
  for (const id of MODEL_IDS) {
    selected[id] = DEFAULT_SELECTED.includes(id);
    workerCounts[id] = workers;
  }
  const params: Record<string, WorkloadParams> = {};
  const taskCounts: Record<string, number> = {};
  for (const workload of capabilities.workloads) {
    params[workload.id] = defaultParams(workload.params);
    taskCounts[workload.id] = workload.defaultTasks;
  }
  return {
    workloadId: capabilities.workloads[0]?.id ?? '',
    params,
    taskCounts,
    explicitSize: {},
    rounds: DEFAULT_RUN_ROUNDS,
    sweepRounds: DEFAULT_SWEEP_ROUNDS,
    selected,
    workers: workerCounts,
    sweepModel: 'worker-threads',
    // Two points are the least a fit can use; a single-core host still sweeps 1..2.
    sweepMaxWorkers: clamp(Math.max(2, logicalCores), 1, maxWorkers),
  };
}

/** Every param at its default. */
export function defaultParams(specs: readonly ParamSpec[]): WorkloadParams {
  return Object.fromEntries(specs.map((spec) => [spec.name, spec.default]));
}

/** Says what is wrong with a param value, naming the allowed range, or null when fine. */
export function paramProblem(spec: ParamSpec, value: number): string | null {
  const isValid =
    Number.isFinite(value) &&
    value >= spec.min &&
    value <= spec.max &&
    (!spec.isInteger || Number.isInteger(value));
  if (isValid) return null;
  const kind = spec.isInteger ? 'a whole number' : 'a number';
  return `${spec.label} must be ${kind} from ${spec.min} to ${spec.max}`;
}

/** Says what is wrong with a task count, or null when fine. */
export function taskCountProblem(value: number): string | null {
  return Number.isInteger(value) && value >= 1 && value <= MAX_TASKS
    ? null
    : `Tasks must be a whole number from 1 to ${MAX_TASKS}`;
}

/** Says what is wrong with a number of rounds, or null when fine. */
export function roundsProblem(value: number): string | null {
  return Number.isInteger(value) && value >= 1 && value <= MAX_ROUNDS
    ? null
    : `Rounds must be a whole number from 1 to ${MAX_ROUNDS}`;
}

/** Every problem of the form's current workload inputs, in display order. */
export function formProblems(form: RunForm, workload: WorkloadSummary | undefined): string[] {
  if (!workload) return ['Pick a workload'];
  const params = form.params[workload.id] ?? {};
  const problems = workload.params
    .map((spec) => paramProblem(spec, params[spec.name] ?? spec.default))
    .filter((p): p is string => p !== null);
  const taskProblem = taskCountProblem(form.taskCounts[workload.id] ?? workload.defaultTasks);
  return [
    ...problems,
    ...[taskProblem, roundsProblem(form.rounds), roundsProblem(form.sweepRounds)].filter(
      (p): p is string => p !== null,
    ),
  ];
}

/** The size the form's fields show: the person's own, else calibration's once known. */
export interface ShownSize {
  params: WorkloadParams;
  taskCount: number;
  /** True when it is the person's size; false when it is (or will be) calibration's. */
  isExplicit: boolean;
}

/** The size of the current workload as the fields show it. */
export function shownSize(
  form: RunForm,
  workload: WorkloadSummary | undefined,
  estimate: RunEstimate | null,
): ShownSize {
  const id = form.workloadId;
  const own = {
    params: form.params[id] ?? {},
    taskCount: form.taskCounts[id] ?? workload?.defaultTasks ?? 1,
  };
  if (form.explicitSize[id]) return { ...own, isExplicit: true };
  return estimate?.isSized
    ? { params: estimate.params, taskCount: estimate.taskCount, isExplicit: false }
    : { ...own, isExplicit: false };
}

/**
 * The form after the person changed one size field: the size becomes theirs, starting from
 * what the fields showed (calibration's size, if that was on screen).
 */
export function withSizeChange(
  form: RunForm,
  shown: ShownSize,
  change: { param: string; value: number } | { taskCount: number },
): RunForm {
  const id = form.workloadId;
  const params =
    'param' in change ? { ...shown.params, [change.param]: change.value } : shown.params;
  const taskCount = 'taskCount' in change ? change.taskCount : shown.taskCount;
  return {
    ...form,
    params: { ...form.params, [id]: { ...params } },
    taskCounts: { ...form.taskCounts, [id]: taskCount },
    explicitSize: { ...form.explicitSize, [id]: true },
  };
}

/** The form with the current workload sized by calibration again, its fields at defaults. */
export function withAutomaticSize(form: RunForm, workload: WorkloadSummary | undefined): RunForm {
  if (!workload) return form;
  return {
    ...form,
    params: { ...form.params, [workload.id]: defaultParams(workload.params) },
    taskCounts: { ...form.taskCounts, [workload.id]: workload.defaultTasks },
    explicitSize: { ...form.explicitSize, [workload.id]: false },
  };
}

/** The models a run would compare: selected and able to run the workload here. */
export function runnableModels(
  form: RunForm,
  capabilities: Capabilities,
  workload: WorkloadSummary | undefined,
): ModelId[] {
  return MODEL_IDS.filter(
    (id) => form.selected[id] && modelUnavailableReason(id, capabilities, workload) === null,
  );
}

/**
 * The workload and size part of a config: the person's own size, or none at all, which
 * asks the engine to calibrate (an empty params and no taskCount).
 */
function sizeOf(form: RunForm): { workload: string; params: WorkloadParams; taskCount?: number } {
  const id = form.workloadId;
  if (!form.explicitSize[id]) return { workload: id, params: {} };
  return { workload: id, params: { ...form.params[id] }, taskCount: form.taskCounts[id] };
}

/** The run configuration the form describes. */
export function toRunConfig(form: RunForm, models: readonly ModelId[]): RunConfig {
  return {
    ...sizeOf(form),
    models: models.map((model) => ({ model, workers: form.workers[model] })),
    rounds: form.rounds,
  };
}

/** The sweep configuration the form describes. */
export function toSweepConfig(form: RunForm): SweepConfig {
  return {
    ...sizeOf(form),
    model: form.sweepModel,
    maxWorkers: form.sweepMaxWorkers,
    rounds: form.sweepRounds,
  };
}

/**
 * The engine model that stands in for a page model when the engine calibrates: one thread
 * for the renderer's main thread, threads for Web Workers.
 */
const ENGINE_STAND_IN: Readonly<Partial<Record<ModelId, ModelId>>> = {
  'renderer-main': 'event-loop',
  'web-workers': 'worker-threads',
};

/**
 * What to ask the engine to calibrate for a run: its own models as the run sends them (so
 * that the run finds the same calibration), or, for a run of page models only, engine
 * models of the same shape. Null when no model can stand in.
 */
export function estimateConfigOf(config: RunConfig): RunConfig | null {
  const isPage = (run: ModelRun): boolean => MODELS[run.model].runtime === 'renderer';
  const engineModels = config.models.filter((run) => !isPage(run));
  if (engineModels.length > 0) return { ...config, models: engineModels };
  const standIns = new Map<ModelId, number>();
  for (const { model, workers } of config.models) {
    const standIn = ENGINE_STAND_IN[model];
    if (standIn) standIns.set(standIn, Math.max(workers, standIns.get(standIn) ?? 1));
  }
  if (standIns.size === 0) return null;
  return { ...config, models: [...standIns].map(([model, workers]) => ({ model, workers })) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
