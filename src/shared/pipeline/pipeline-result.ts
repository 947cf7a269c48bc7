/**
 * What a pipeline run reports: live samples while it runs and, at the end, totals and the
 * whole series. Zod schemas, since both cross transports and a result is saved like a run.
 */
import { z } from 'zod';
import { latencySummarySchema, serializedErrorSchema, timeSharesSchema } from '../results';
import { PIPELINE_TRANSPORTS } from '../models';
import { PIPELINE_MODEL_IDS, pipelineConfigSchema } from './pipeline-config';

// How the model's queue is built (what the model really offers); each model declares its own.
export { PIPELINE_TRANSPORTS, type PipelineTransport } from '../models';

/** Where a run is: emitting, draining after a graceful stop, or halting after a forced one. */
export const PIPELINE_PHASES = ['starting', 'running', 'draining', 'halting', 'done'] as const;
export type PipelinePhase = (typeof PIPELINE_PHASES)[number];

/** One live sample, about every 250 ms: rates over the last second, percentiles since the last sample. */
export const pipelineSampleSchema = z.object({
  /** Epoch ms, as the core samples, so the two charts line up. */
  t: z.number(),
  /** Ms since producers started. */
  elapsedMs: z.number().nonnegative(),
  phase: z.enum(PIPELINE_PHASES),
  producedPerSec: z.number().nonnegative(),
  consumedPerSec: z.number().nonnegative(),
  /** Events in the queue at the sample. */
  depth: z.number().int().nonnegative(),
  /** End-to-end latency of the events consumed since the last sample; null if none. */
  latencyP50Ms: z.number().nullable(),
  latencyP99Ms: z.number().nullable(),
  /** Ms waited for the queue's lock per second (last second, all threads); null without a lock. */
  lockWaitMsPerSec: z.number().nonnegative().nullable(),
});
export type PipelineSample = z.infer<typeof pipelineSampleSchema>;

export const pipelineTotalsSchema = z.object({
  produced: z.number().int().nonnegative(),
  consumed: z.number().int().nonnegative(),
  leftInQueue: z.number().int().nonnegative(),
  /** produced − consumed − leftInQueue: must be 0. */
  lost: z.number().int(),
  /** Events consumed more than once (by (producer, seq)): must be 0. */
  duplicates: z.number().int().nonnegative(),
  /** Events a consumer saw after a later one of the same producer: must be 0. */
  outOfOrder: z.number().int().nonnegative(),
  /** The deepest the queue got, as the queue itself recorded it; never above capacity. */
  maxDepth: z.number().int().nonnegative(),
  /** Produced per second while producers ran; consumed per second until the last consumer ended. */
  producedPerSec: z.number().nonnegative(),
  consumedPerSec: z.number().nonnegative(),
  /** End-to-end latency over the run (from a uniform sample of at most 100 000 events). */
  latency: latencySummarySchema,
  /** Total time all threads waited for the lock; null where the queue has none. */
  lockWaitMs: z.number().nonnegative().nullable(),
  /** Total time producers waited for room in a full queue (backpressure at work). */
  producerBlockedMs: z.number().nonnegative(),
  /** Producers and consumers that did not end within the grace time and were terminated. */
  terminated: z.number().int().nonnegative(),
  /** XOR of every consumer's work digests. */
  digest: z.number().int().nonnegative(),
});
export type PipelineTotals = z.infer<typeof pipelineTotalsSchema>;

/** How a run ended: its duration ran out, Stop drained it, or a second Stop forced it. */
export const PIPELINE_STOP_REASONS = ['duration', 'stopped', 'forced', 'failed'] as const;
export type PipelineStopReason = (typeof PIPELINE_STOP_REASONS)[number];

export const pipelineResultSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  config: pipelineConfigSchema,
  model: z.enum(PIPELINE_MODEL_IDS),
  transport: z.enum(PIPELINE_TRANSPORTS),
  /** One sentence on what the queue is, e.g. why a page used message passing. */
  transportNote: z.string(),
  /** From the first spawn until every producer and consumer was ready. */
  startupMs: z.number().nonnegative(),
  /** From the go signal until producers stopped. */
  runMs: z.number().nonnegative(),
  /** From the stop until the last consumer ended. */
  drainMs: z.number().nonnegative(),
  stopReason: z.enum(PIPELINE_STOP_REASONS),
  totals: pipelineTotalsSchema,
  samples: z.array(pipelineSampleSchema),
  /** Why the run failed (a participant crashed); null otherwise. */
  error: serializedErrorSchema.nullable(),
  /**
   * Where the producers' and consumers' time went, from go until the last one ended: the
   * comparison's five states; a share that cannot be measured here is null, with the reason.
   */
  timeShares: timeSharesSchema,
  timeSharesByRole: z.object({ producers: timeSharesSchema, consumers: timeSharesSchema }),
});
export type PipelineResult = z.infer<typeof pipelineResultSchema>;
