/**
 * The producer/consumer pipeline's settings: which model runs it, how many producers and
 * consumers, how fast producers emit, how big the bounded queue is, how much CPU work each
 * event costs, and for how long it runs.
 */
import { z } from 'zod';
import { LabError } from '../errors';
import { fieldPath } from '../field-words';
import { issuePath, leadingIssue, strictObject } from '../schema-issues';
import { MODEL_IDS } from '../models';

/** The models that can run a pipeline: every model of the app, Python's three included. */
export const PIPELINE_MODEL_IDS = MODEL_IDS;
export type PipelineModelId = (typeof PIPELINE_MODEL_IDS)[number];

/** The allowed range of every numeric setting; the UI's sliders and the CLI read these too. */
export const PIPELINE_LIMITS = {
  producers: { min: 1, max: 16 },
  consumers: { min: 1, max: 16 },
  intervalMs: { min: 0, max: 1000 },
  capacity: { min: 1, max: 1024 },
  workPerEvent: { min: 0, max: 100_000 },
  durationS: { min: 0.1, max: 3600 },
} as const;

/** An integer field in its range, with messages that name the field and the range. */
function intField(name: keyof typeof PIPELINE_LIMITS) {
  const { min, max } = PIPELINE_LIMITS[name];
  const rule = `${name} must be an integer between ${min} and ${max}`;
  return z.number({ error: rule }).int(rule).min(min, rule).max(max, rule);
}

const durationRule = `durationS must be a number between ${PIPELINE_LIMITS.durationS.min} and ${PIPELINE_LIMITS.durationS.max}, or null to run until stopped`;

export const pipelineConfigSchema = strictObject({
  model: z.enum(PIPELINE_MODEL_IDS, {
    error: `model must be one of ${PIPELINE_MODEL_IDS.join(', ')}`,
  }),
  producers: intField('producers'),
  consumers: intField('consumers'),
  /** Time between two events of one producer; 0 emits as fast as the queue accepts. */
  intervalMs: intField('intervalMs'),
  /** Events the bounded queue holds at most. */
  capacity: intField('capacity'),
  /** Rounds of the work kernel per event (about 1 µs each); 0 is a pure hand-off. */
  workPerEvent: intField('workPerEvent'),
  /** How long producers emit before a graceful stop; null runs until stopped. */
  durationS: z
    .number({ error: durationRule })
    .min(PIPELINE_LIMITS.durationS.min, durationRule)
    .max(PIPELINE_LIMITS.durationS.max, durationRule)
    .nullable(),
  /** Seeds every producer's random walk, so a run's values can be reproduced. */
  seed: z
    .number({ error: 'seed must be an integer' })
    .int('seed must be an integer')
    .min(0, 'seed must be between 0 and 4294967295')
    .max(0xffff_ffff, 'seed must be between 0 and 4294967295')
    .optional(),
});
export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;

/** The seed a config without one uses. */
export const DEFAULT_PIPELINE_SEED = 1;

/** Validates a pipeline config, throwing 'invalid-argument' with the first field's rule. */
export function parsePipelineConfig(raw: unknown): PipelineConfig {
  const parsed = pipelineConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = leadingIssue(parsed.error);
  if (!issue) throw new LabError('invalid-argument', 'pipeline config: is invalid');
  const field = fieldPath(issuePath(issue));
  // The rules above already start with the field's name ("producers must be …").
  if (field && issue.message.startsWith(`${field} `)) {
    throw new LabError('invalid-argument', issue.message);
  }
  throw new LabError('invalid-argument', `${field || 'pipeline config'}: ${issue.message}`);
}

/** True when `model` can run a pipeline. */
export function isPipelineModel(model: string): model is PipelineModelId {
  return (PIPELINE_MODEL_IDS as readonly string[]).includes(model);
}
