/**
 * Run and sweep configurations, validated on every boundary with the same schemas. Strict:
 * a key they do not know is refused by name (a misspelt "worker" would otherwise be dropped
 * and the run would not be the one asked for). Saved snapshots hold configs too; a key ever
 * retired from here must be dropped by a step of snapshot-migrate.ts, or old files stop opening.
 */
import { z } from 'zod';
import { modelIdSchema } from './results';
import { strictObject } from './schema-issues';
import type { WorkloadDefinition } from './workloads/types';

/** Hard ceiling whatever the host: keeps a typo from forking thousands of processes. */
export const MAX_WORKERS_CEILING = 1024;
export const MAX_TASKS = 100_000;

/** Longest one task may run unless a config says otherwise; io.sleep alone may wait 60 s. */
export const DEFAULT_TASK_TIMEOUT_MS = 120_000;
export const MAX_TASK_TIMEOUT_MS = 86_400_000;
/** Bounds of a worker's heap limit: V8 needs a few MiB to start at all. */
export const MIN_MEMORY_LIMIT_MB = 16;
export const MAX_MEMORY_LIMIT_MB = 1_048_576;

/** Whether the other workers go on after one task fails, or the model's run stops. */
export const FAILURE_POLICIES = ['continue', 'fail-fast'] as const;
export type FailurePolicy = (typeof FAILURE_POLICIES)[number];

/**
 * Workload params by name. Names are identifiers, so '__proto__' and other odd keys are
 * refused here instead of being dropped on the way (a record would silently lose them).
 */
export const paramsSchema = z
  .record(
    z
      .string()
      .max(64)
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a param name is a letter then letters, digits or _'),
    z.number(),
  )
  .default({});

/** How a run treats failing workers; every field optional, defaults in the engine. */
const faultOptionsShape = {
  failurePolicy: z.enum(FAILURE_POLICIES).optional(),
  /** A task still running after this long is a failure; its worker is stopped. */
  taskTimeoutMs: z.number().int().min(1).max(MAX_TASK_TIMEOUT_MS).optional(),
  /** Heap limit of each worker thread or process, in MiB (not the event loop's). */
  memoryLimitMb: z.number().int().min(MIN_MEMORY_LIMIT_MB).max(MAX_MEMORY_LIMIT_MB).optional(),
};

/** Rounds and sizing: how a measurement is repeated and how big its work is. */
export const MAX_ROUNDS = 20;
/** Default time the slowest model's round aims at when calibration sizes the work. */
export const DEFAULT_TARGET_S = 2;
const measurementShape = {
  /** Times every model runs; the order of models rotates between rounds. */
  rounds: z.number().int().min(1).max(MAX_ROUNDS).optional(),
  /**
   * Seconds the slowest model's round should last; calibration sizes the work to it unless
   * the config gives taskCount or params of its own.
   */
  targetS: z.number().min(0.1).max(600).optional(),
  /** Other load (in cores) above which a result is flagged as disturbed. */
  otherLoadLimitCores: z.number().min(0).max(1024).optional(),
};

export const modelRunSchema = strictObject({
  model: modelIdSchema,
  /** Workers (threads, processes) or, for the event loop, tasks in flight. */
  workers: z.number().int().min(1).max(MAX_WORKERS_CEILING),
});
export type ModelRun = z.infer<typeof modelRunSchema>;

export const runConfigSchema = strictObject({
  workload: z.string().min(1).max(64),
  params: paramsSchema,
  taskCount: z.number().int().min(1).max(MAX_TASKS).optional(),
  models: z.array(modelRunSchema).min(1).max(16),
  ...faultOptionsShape,
  ...measurementShape,
});
export type RunConfig = z.input<typeof runConfigSchema>;

export const sweepConfigSchema = strictObject({
  workload: z.string().min(1).max(64),
  params: paramsSchema,
  taskCount: z.number().int().min(1).max(MAX_TASKS).optional(),
  model: modelIdSchema,
  maxWorkers: z.number().int().min(1).max(MAX_WORKERS_CEILING),
  ...faultOptionsShape,
  ...measurementShape,
});
export type SweepConfig = z.input<typeof sweepConfigSchema>;

/** How a run treats failing workers, every default filled in. */
export interface FaultOptions {
  failurePolicy: FailurePolicy;
  taskTimeoutMs: number;
  memoryLimitMb?: number;
}

/**
 * The fault options a run uses, for the engine and the page's models alike: what the config
 * says, then the workload's own defaults (a 2 s timeout for fault.hang, so a demo ends in
 * seconds), then the engine's.
 */
export function resolveFaultOptions(
  config: Partial<FaultOptions>,
  workload: Pick<WorkloadDefinition, 'runDefaults'>,
): FaultOptions {
  const memoryLimitMb = config.memoryLimitMb ?? workload.runDefaults?.memoryLimitMb;
  return {
    failurePolicy: config.failurePolicy ?? 'continue',
    taskTimeoutMs:
      config.taskTimeoutMs ?? workload.runDefaults?.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
    ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
  };
}
