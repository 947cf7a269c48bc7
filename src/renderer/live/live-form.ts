/**
 * Live mode's settings before Start: the workload, the models and their first worker counts,
 * the task size and the ramp; and the LiveConfig they describe.
 */
import type { Capabilities, WorkloadSummary } from '../../shared/lab-api';
import type { LiveConfig } from '../../shared/live/live-schema';
import { LIVE_WORKLOAD_IDS } from '../../shared/live/live-sizing';
import { MODEL_IDS, type ModelId } from '../../shared/models';
import { modelUnavailableReason } from '../state/run-form';

export interface LiveForm {
  workloadId: string;
  selected: Record<ModelId, boolean>;
  /** Worker counts to start with; during a run the live counts are the run state's. */
  workers: Record<ModelId, number>;
  /** Work per task in microseconds, one of TASK_US_STEPS. */
  taskUs: number;
  /** "Ramp 1…K": the top of the staircase, and seconds per step. */
  rampTo: number;
  rampStepS: number;
}

/**
 * The task sizes the log slider stops at, 1-2-5 per decade, from a few microseconds (where
 * messaging and scheduling eat the gain) to half a second (where processes shine).
 */
export const TASK_US_STEPS: readonly number[] = [
  5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
  500_000,
];

/** Seconds each ramp step may last. */
export const RAMP_STEP_CHOICES_S: readonly number[] = [1, 2, 3, 5, 10];

/** Models selected when live mode first opens: threads, the clearest resize to watch. */
const DEFAULT_SELECTED: readonly ModelId[] = ['worker-threads'];

/** The workloads live mode offers: CPU kernels whose tasks can be sized and checked one by one. */
export function liveWorkloads(capabilities: Capabilities): WorkloadSummary[] {
  return capabilities.workloads.filter((w) => LIVE_WORKLOAD_IDS.includes(w.id));
}

/** The form live mode opens with: primes, threads at one worker, 1 ms tasks, ramp 1…cores. */
export function defaultLiveForm(capabilities: Capabilities, logicalCores: number): LiveForm {
  const workloads = liveWorkloads(capabilities);
  const selected = {} as Record<ModelId, boolean>;
  const workers = {} as Record<ModelId, number>;
  for (const id of MODEL_IDS) {
    selected[id] = DEFAULT_SELECTED.includes(id);
    workers[id] = 1;
  }
  return {
    workloadId: (workloads.find((w) => w.id === 'cpu.primes') ?? workloads[0])?.id ?? '',
    selected,
    workers,
    taskUs: 1_000,
    rampTo: Math.max(2, Math.min(logicalCores, capabilities.maxWorkers)),
    rampStepS: 2,
  };
}

/**
 * Why `model` cannot take part in a live run here, or null: it cannot run the workload at
 * all, or its pool cannot be resized while it runs.
 */
export function liveModelReason(
  model: ModelId,
  capabilities: Capabilities,
  workload: WorkloadSummary | undefined,
): string | null {
  const reason = modelUnavailableReason(model, capabilities, workload);
  if (reason !== null) return reason;
  const entry = capabilities.models.find((m) => m.id === model);
  if (entry && !entry.canResize) return entry.resizeReason ?? 'its pool cannot be resized';
  return null;
}

/** The models the form would start: selected and able to run live here. */
export function liveModels(
  form: LiveForm,
  reasons: Readonly<Record<ModelId, string | null>>,
): ModelId[] {
  return MODEL_IDS.filter((id) => form.selected[id] && reasons[id] === null);
}

/** The LiveConfig of a plain live run (until Stop), or of a ramp 1…rampTo. */
export function toLiveConfig(
  form: LiveForm,
  models: readonly ModelId[],
  isRamp: boolean,
): LiveConfig {
  return {
    workload: form.workloadId,
    models: models.map((model) => ({ model, workers: isRamp ? 1 : form.workers[model] })),
    taskUs: form.taskUs,
    ...(isRamp ? { ramp: { from: 1, to: form.rampTo, stepS: form.rampStepS } } : {}),
  };
}

/** A task size in words: "5 µs", "500 µs", "2 ms", "500 ms". */
export function formatTaskUs(us: number): string {
  return us < 1000 ? `${Math.round(us)} µs` : `${Math.round(us / 100) / 10} ms`;
}
