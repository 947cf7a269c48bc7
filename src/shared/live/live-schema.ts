/**
 * Live mode (issue 16): a run whose work never runs out, whose pools grow and shrink while
 * it goes and whose task size can change. The config, its samples and its result as zod
 * schemas, checked on every boundary like the other contract types.
 */
import { z } from 'zod';
import { modelIdSchema, serializedErrorSchema } from '../results';
import { MAX_WORKERS_CEILING, modelRunSchema, paramsSchema } from '../run-config';
import { scalingFitSchema } from '../stats/scaling-schemas';
import { strictObject } from '../schema-issues';

/** Bounds of a task's target work: a few µs (overhead dominates) to half a second. */
export const MIN_TASK_US = 5;
export const MAX_TASK_US = 500_000;
/** Longest live run a config may ask for by duration or ramp: a day. */
export const MAX_LIVE_DURATION_S = 86_400;
/** How often each model's sample is sent, and the window its throughput is taken over. */
export const LIVE_SAMPLE_EVERY_MS = 250;
export const LIVE_WINDOW_MS = 1000;

const workerCountSchema = z.number().int().min(1).max(MAX_WORKERS_CEILING);

/** A worker count as a live run takes it from a caller: the engine also checks maxWorkers. */
export const liveWorkersSchema = workerCountSchema;
export const liveTaskUsSchema = z.number().min(MIN_TASK_US).max(MAX_TASK_US);

export const liveRampSchema = strictObject({
  from: workerCountSchema,
  to: workerCountSchema,
  /** Seconds each worker count runs. */
  stepS: z.number().positive().max(MAX_LIVE_DURATION_S),
}).refine((ramp) => ramp.to >= ramp.from, { message: 'to must be >= from', path: ['to'] });
export type LiveRamp = z.infer<typeof liveRampSchema>;

export const liveConfigSchema = strictObject({
  /** A CPU workload whose size a task can be cut to (cpu.primes); others are refused. */
  workload: z.string().min(1).max(64),
  params: paramsSchema,
  /** Each model with its starting worker count (a ramp overrides it with `from`). */
  models: z.array(modelRunSchema).min(1).max(16),
  /** Target work per task, in µs of one core. */
  taskUs: liveTaskUsSchema,
  /** Ends the run by itself after this many seconds; without it, it runs until cancel. */
  durationS: z.number().positive().max(MAX_LIVE_DURATION_S).optional(),
  /** A staircase: every model steps from..to workers, stepS each; ends after the last. */
  ramp: liveRampSchema.optional(),
});
export type LiveConfig = z.input<typeof liveConfigSchema>;

export const liveSampleSchema = z.object({
  model: modelIdSchema,
  /** Ms since the live run started. */
  atMs: z.number().nonnegative(),
  workers: z.number().int().nonnegative(),
  /** Tasks finished in the last LIVE_WINDOW_MS, per second. */
  tasksPerSec: z.number().nonnegative(),
  /** Tasks finished since the start. */
  tasksDone: z.number().int().nonnegative(),
  /** Median time from a task's dispatch to its start on a worker, over the last window. */
  dispatchToStartUsP50: z.number().nonnegative().nullable(),
  /** The target size of the tasks now being sent. */
  taskUs: z.number().positive(),
  /** The median time the tasks of the last window took on their worker; null without any. */
  measuredTaskUsP50: z.number().nonnegative().nullable(),
});
export type LiveSample = z.infer<typeof liveSampleSchema>;

export const liveResizeSchema = z.object({
  model: modelIdSchema,
  /** When the resize was asked for, ms since the live run started. */
  atMs: z.number().nonnegative(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /**
   * When it took effect: each new worker had started its first task (growing: the first
   * task on the last of them), or the last retiring worker left (shrinking); ms since live
   * start. null if it never did (the run ended first).
   */
  firstTaskAtMs: z.number().nonnegative().nullable(),
});
export type LiveResize = z.infer<typeof liveResizeSchema>;

/** One stretch of the run at one worker count and one task size. */
export const liveStepSchema = z.object({
  workers: z.number().int().nonnegative(),
  taskUs: z.number().positive(),
  durationMs: z.number().nonnegative(),
  tasksDone: z.number().int().nonnegative(),
  tasksPerSec: z.number().nonnegative(),
});
export type LiveStep = z.infer<typeof liveStepSchema>;

export const liveModelResultSchema = z.object({
  model: modelIdSchema,
  steps: z.array(liveStepSchema),
  samples: z.array(liveSampleSchema),
  resizes: z.array(liveResizeSchema),
  tasksDone: z.number().int().nonnegative(),
  /** Every finished task's checksum against the reference; null when it could not be checked. */
  checksumVerified: z.boolean().nullable(),
  /** What was checked, or why nothing could be. */
  checksumNote: z.string().nullable(),
  error: serializedErrorSchema.nullable(),
});
export type LiveModelResult = z.infer<typeof liveModelResultSchema>;

export const liveResultSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  config: liveConfigSchema,
  isCancelled: z.boolean(),
  durationMs: z.number().nonnegative(),
  models: z.array(liveModelResultSchema),
  /** The USL/Amdahl fit of a ramp's steps (one model, ≥ 3 worker counts); null otherwise. */
  fit: scalingFitSchema.nullable(),
});
export type LiveResult = z.infer<typeof liveResultSchema>;
