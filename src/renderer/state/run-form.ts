/**
 * The controls' values and the rules around them: defaults from the host, which models can
 * run the chosen workload here, and the run or sweep configuration the form describes.
 */
import type { Capabilities, WorkloadSummary } from '../../shared/lab-api';
import { MODEL_IDS, MODELS, type ModelId } from '../../shared/models';
import { MAX_TASKS, type RunConfig, type SweepConfig } from '../../shared/run-config';
import type { ParamSpec, WorkloadParams } from '../../shared/workloads/types';

export interface RunForm {
  workloadId: string;
  /** Size params per workload, so switching workloads and back keeps what was typed. */
  params: Record<string, WorkloadParams>;
  taskCounts: Record<string, number>;
  selected: Record<ModelId, boolean>;
  workers: Record<ModelId, number>;
  sweepModel: ModelId;
  sweepMaxWorkers: number;
}

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
  return entry ? entry.unavailableReason : 'this engine does not offer it';
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

/** Every problem of the form's current workload inputs, in display order. */
export function formProblems(form: RunForm, workload: WorkloadSummary | undefined): string[] {
  if (!workload) return ['Pick a workload'];
  const params = form.params[workload.id] ?? {};
  const problems = workload.params
    .map((spec) => paramProblem(spec, params[spec.name] ?? spec.default))
    .filter((p): p is string => p !== null);
  const taskProblem = taskCountProblem(form.taskCounts[workload.id] ?? workload.defaultTasks);
  return taskProblem ? [...problems, taskProblem] : problems;
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

/** The run configuration the form describes. */
export function toRunConfig(form: RunForm, models: readonly ModelId[]): RunConfig {
  return {
    workload: form.workloadId,
    params: { ...form.params[form.workloadId] },
    taskCount: form.taskCounts[form.workloadId],
    models: models.map((model) => ({ model, workers: form.workers[model] })),
  };
}

/** The sweep configuration the form describes. */
export function toSweepConfig(form: RunForm): SweepConfig {
  return {
    workload: form.workloadId,
    params: { ...form.params[form.workloadId] },
    taskCount: form.taskCounts[form.workloadId],
    model: form.sweepModel,
    maxWorkers: form.sweepMaxWorkers,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
