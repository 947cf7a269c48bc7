/** Run and sweep configurations, validated on every boundary with the same schemas. */
import { z } from 'zod';
import { modelIdSchema } from './results';

/** Hard ceiling whatever the host: keeps a typo from forking thousands of processes. */
export const MAX_WORKERS_CEILING = 1024;
export const MAX_TASKS = 100_000;

export const modelRunSchema = z.object({
  model: modelIdSchema,
  /** Workers (threads, processes) or, for the event loop, tasks in flight. */
  workers: z.number().int().min(1).max(MAX_WORKERS_CEILING),
});
export type ModelRun = z.infer<typeof modelRunSchema>;

export const runConfigSchema = z.object({
  workload: z.string().min(1).max(64),
  params: z.record(z.string().max(64), z.number()).default({}),
  taskCount: z.number().int().min(1).max(MAX_TASKS).optional(),
  models: z.array(modelRunSchema).min(1).max(16),
});
export type RunConfig = z.input<typeof runConfigSchema>;

export const sweepConfigSchema = z.object({
  workload: z.string().min(1).max(64),
  params: z.record(z.string().max(64), z.number()).default({}),
  taskCount: z.number().int().min(1).max(MAX_TASKS).optional(),
  model: modelIdSchema,
  maxWorkers: z.number().int().min(1).max(MAX_WORKERS_CEILING),
});
export type SweepConfig = z.input<typeof sweepConfigSchema>;
