/** Events a run streams while it goes, for progress bars and live timelines. */
import { z } from 'zod';
import { runEstimateSchema } from './measurement';
import { modelIdSchema, modelResultSchema, timelineEntrySchema } from './results';

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('model-start'),
    runId: z.string(),
    model: modelIdSchema,
    workers: z.number(),
  }),
  z.object({
    type: z.literal('progress'),
    runId: z.string(),
    model: modelIdSchema,
    done: z.number().int(),
    total: z.number().int(),
    /** Ms since the model's run began, for an estimate of time left. */
    elapsedMs: z.number(),
  }),
  /** Timeline entries, batched so a fast run does not flood the transport. */
  z.object({
    type: z.literal('tasks'),
    runId: z.string(),
    model: modelIdSchema,
    entries: z.array(timelineEntrySchema),
  }),
  z.object({ type: z.literal('model-result'), runId: z.string(), result: modelResultSchema }),
  /** A sweep finished one worker count (every round of it). */
  z.object({
    type: z.literal('sweep-point'),
    runId: z.string(),
    workers: z.number().int(),
    wallMs: z.number(),
  }),
  /** Calibration is over: the size the run uses and how long it should take. */
  z.object({ type: z.literal('estimate'), runId: z.string(), estimate: runEstimateSchema }),
  /** A round begins (1-based); every model runs once per round. */
  z.object({
    type: z.literal('round-start'),
    runId: z.string(),
    round: z.number().int().positive(),
    rounds: z.number().int().positive(),
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
