/**
 * LabApi on the wire: zod schemas for every request, reply and event, and the envelope that
 * carries them over any message channel (WebSocket, Electron IPC, an in-memory pair). Both
 * ends validate what they receive with these schemas (DESIGN.md "One API, two transports").
 */
import { z } from 'zod';
import { LAB_ERROR_CODES, LabError, type LabErrorCode, type SerializedError } from './errors';
import { describeFirstIssue, strictObject } from './schema-issues';
import type { LabApi } from './lab-api';
import {
  coreSampleSchema,
  hostInfoSchema,
  modelIdSchema,
  modelResultSchema,
  serializedErrorSchema,
} from './results';
import { runConfigSchema, sweepConfigSchema } from './run-config';
import { interferenceSchema, runEstimateSchema } from './measurement';
import { runEventSchema } from './run-events';
import { pipelineConfigSchema } from './pipeline/pipeline-config';
import { pipelineResultSchema, pipelineSampleSchema } from './pipeline/pipeline-result';
import { scalingFitSchema, sweepPointSchema } from './stats/scaling-schemas';
import { SNAPSHOT_METHODS } from './snapshot-wire';
import {
  messageOptionsSchema,
  messageProgressSchema,
  messageReportSchema,
} from './messages/message-cost';
import {
  liveConfigSchema,
  liveResizeSchema,
  liveResultSchema,
  liveSampleSchema,
  liveTaskUsSchema,
  liveWorkersSchema,
} from './live/live-schema';

export { scalingFitSchema, sweepPointSchema };

/** True when `value` is one of the LabErrorCode strings. */
export function isLabErrorCode(value: unknown): value is LabErrorCode {
  return (LAB_ERROR_CODES as readonly unknown[]).includes(value);
}

/** A serialized error whose code, if any, is narrowed to LabErrorCode ('internal' if unknown). */
export const labSerializedErrorSchema = serializedErrorSchema.extend({
  code: z.enum(LAB_ERROR_CODES).catch('internal').optional(),
});

const runtimeSchema = z.enum(['node', 'electron-main', 'renderer', 'python']);

export const paramSpecSchema = z.object({
  name: z.string(),
  label: z.string(),
  min: z.number(),
  max: z.number(),
  default: z.number(),
  isInteger: z.boolean(),
  unit: z.string().optional(),
});

/** A workload as the UI lists it. */
export const workloadSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['cpu', 'io', 'mixed', 'fault']),
  description: z.string(),
  params: z.array(paramSpecSchema).readonly(),
  defaultTasks: z.number().int(),
  needs: z.array(z.enum(['file', 'http', 'worker-exit', 'memory-limit'])).readonly(),
});

export const modelAvailabilitySchema = z.object({
  id: modelIdSchema,
  /** null when the model can run in this host, else the reason it cannot. */
  unavailableReason: z.string().nullable(),
  /** Workloads this model cannot run (by id), each with the reason; absent ids can run. */
  workloadReasons: z.record(z.string(), z.string()),
  /** Whether a live run can grow and shrink this model's pool while it runs. */
  canResize: z.boolean(),
  /** Why it cannot resize, when canResize is false; null otherwise. */
  resizeReason: z.string().nullable(),
  /** Why it cannot run a producer-consumer pipeline here, or null when it can. */
  pipelineReason: z.string().nullable(),
});

export const capabilitiesSchema = z.object({
  /** Runtimes the engine side offers (the renderer adds 'renderer' itself). */
  runtimes: z.array(runtimeSchema),
  models: z.array(modelAvailabilitySchema),
  workloads: z.array(workloadSummarySchema),
  /** Largest worker count a slider may offer (2× logical cores unless overridden). */
  maxWorkers: z.number().int().positive(),
});

/** What the sampler says about itself, for the honest-measurement note. */
export const samplerStatsSchema = z.object({
  hz: z.number().nonnegative(),
  source: z.enum(['proc-stat', 'systeminformation']),
  /** Mean cost of one sample's read and parse, in ms of the sampler's thread. */
  meanSampleCostMs: z.number().nonnegative(),
  /** That cost as a fraction of one core at the current rate. */
  cpuFractionOfOneCore: z.number().nonnegative(),
});

export const runResultSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  config: runConfigSchema,
  results: z.array(modelResultSchema),
  /** True when Stop ended the run; `results` then holds what had finished. */
  isCancelled: z.boolean(),
  /** Other load during the run, over every model and round; null in snapshots from before 0.2. */
  interference: interferenceSchema.nullable(),
  /** One plain sentence: which model won, by how much, or "within noise", and why. */
  verdict: z.string().nullable(),
  /** The size the run used and what calibration expected; null before 0.2. */
  estimate: runEstimateSchema.nullable(),
});

export const sweepResultSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  config: sweepConfigSchema,
  points: z.array(sweepPointSchema),
  fit: scalingFitSchema,
  results: z.array(modelResultSchema),
  interference: interferenceSchema.nullable(),
  estimate: runEstimateSchema.nullable(),
});

/** Events of the lab as a whole: run events plus a run's end. */
export const labEventSchema = z.discriminatedUnion('type', [
  runEventSchema,
  z.object({ type: z.literal('run-done'), runId: z.string(), result: runResultSchema }),
  z.object({ type: z.literal('sweep-done'), runId: z.string(), result: sweepResultSchema }),
  z.object({
    type: z.literal('run-failed'),
    runId: z.string(),
    error: labSerializedErrorSchema,
    isCancelled: z.boolean(),
  }),
  /** A pipeline's live sample, about every 250 ms. */
  z.object({
    type: z.literal('pipeline-sample'),
    runId: z.string(),
    sample: pipelineSampleSchema,
  }),
  /** A pipeline ended (drained, forced or failed); its totals and series. */
  z.object({ type: z.literal('pipeline-done'), runId: z.string(), result: pipelineResultSchema }),
  /** The message explorer measured one more row. */
  z.object({
    type: z.literal('messages-progress'),
    runId: z.string(),
    progress: messageProgressSchema,
  }),
  /** A live run's sample of one model, about every 250 ms. */
  z.object({ type: z.literal('live-sample'), runId: z.string(), sample: liveSampleSchema }),
  /** A live run's resize took effect (or the run ended before it could). */
  z.object({ type: z.literal('live-resize'), runId: z.string(), resize: liveResizeSchema }),
  /** A live run ended (duration, ramp, or cancel: then isCancelled); failures are 'run-failed'. */
  z.object({ type: z.literal('live-done'), runId: z.string(), result: liveResultSchema }),
]);

/** stopPipeline's options; null (an absent argument after JSON) reads as none. */
const pipelineStopOptionsSchema = strictObject({ force: z.boolean().optional() })
  .nullable()
  .transform((options) => options ?? undefined);

/** A run id as the engine hands it out; the bound keeps a hostile id from being huge. */
const runIdArgSchema = z.string().min(1).max(128);
const runStartedSchema = z.object({ runId: z.string().min(1) });

/** The LabApi methods that are calls (everything but the `on…` subscriptions). */
export type LabMethod = {
  [K in keyof LabApi]: K extends `on${string}` ? never : K;
}[keyof LabApi];

interface MethodSchemas<M extends LabMethod> {
  /** The positional arguments, as a tuple. */
  args: z.ZodType<Parameters<LabApi[M]>>;
  /** The resolved value. */
  value: z.ZodType<Awaited<ReturnType<LabApi[M]>>>;
}

/**
 * Argument and reply schemas per method. Typed against LabApi, so a method added to the
 * contract without a schema here fails to compile.
 */
export const LAB_METHODS: { [M in LabMethod]: MethodSchemas<M> } = {
  getHostInfo: { args: z.tuple([]), value: hostInfoSchema },
  getCapabilities: { args: z.tuple([]), value: capabilitiesSchema },
  getSamplerStats: { args: z.tuple([]), value: samplerStatsSchema },
  estimateRun: { args: z.tuple([runConfigSchema]), value: runEstimateSchema.nullable() },
  measureMessages: { args: z.tuple([messageOptionsSchema]), value: messageReportSchema },
  cancelMessages: { args: z.tuple([]), value: z.unknown().transform(() => undefined) },
  startRun: { args: z.tuple([runConfigSchema]), value: runStartedSchema },
  startSweep: { args: z.tuple([sweepConfigSchema]), value: runStartedSchema },
  // JSON turns a void reply's `undefined` into nothing or null.
  cancel: { args: z.tuple([runIdArgSchema]), value: z.unknown().transform(() => undefined) },
  startPipeline: { args: z.tuple([pipelineConfigSchema]), value: runStartedSchema },
  stopPipeline: {
    // JSON writes an absent options argument as null.
    args: z.tuple([runIdArgSchema, pipelineStopOptionsSchema.optional()]),
    value: z.unknown().transform(() => undefined),
  },
  startLive: { args: z.tuple([liveConfigSchema]), value: runStartedSchema },
  setWorkers: {
    args: z.tuple([runIdArgSchema, modelIdSchema, liveWorkersSchema]),
    value: z.unknown().transform(() => undefined),
  },
  setTaskSize: {
    args: z.tuple([runIdArgSchema, liveTaskUsSchema]),
    value: z.unknown().transform(() => undefined),
  },
  ...SNAPSHOT_METHODS,
};

/** The method names, for lookups on untrusted input. */
export const LAB_METHOD_NAMES = Object.keys(LAB_METHODS) as LabMethod[];

/** True when `value` names a LabApi call. */
export function isLabMethod(value: unknown): value is LabMethod {
  return typeof value === 'string' && Object.hasOwn(LAB_METHODS, value);
}

/** Request ids are small counters; a reply to an unreadable request carries null. */
const requestIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * A request, and every argument schema in LAB_METHODS, is strict: what comes in to the engine
 * names only keys it knows, so a misspelt one is refused by name instead of dropped. Replies
 * and events (what the engine sends out) stay tolerant: both ends ship together, the engine
 * builds them from parsed data, and a client that refused a whole run's result over one key
 * it does not read would lose the measurement.
 */
export const requestMessageSchema = strictObject({
  type: z.literal('request'),
  id: requestIdSchema,
  method: z.string().max(64),
  args: z.array(z.unknown()).max(8),
});

export const replyMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('reply'),
    id: requestIdSchema.nullable(),
    ok: z.literal(true),
    // Optional: JSON drops a void method's `undefined` value.
    value: z.unknown().optional(),
  }),
  z.object({
    type: z.literal('reply'),
    id: requestIdSchema.nullable(),
    ok: z.literal(false),
    error: labSerializedErrorSchema,
  }),
]);

export const eventMessageSchema = z.discriminatedUnion('channel', [
  z.object({
    type: z.literal('event'),
    channel: z.literal('core-sample'),
    payload: coreSampleSchema,
  }),
  z.object({ type: z.literal('event'), channel: z.literal('lab-event'), payload: labEventSchema }),
]);

/** Every message either end may send, keyed by `type`. */
export const wireMessageSchema = z.union([
  requestMessageSchema,
  replyMessageSchema,
  eventMessageSchema,
]);

export type RequestMessage = z.infer<typeof requestMessageSchema>;
export type ReplyMessage = z.input<typeof replyMessageSchema>;
export type EventMessage = z.input<typeof eventMessageSchema>;
export type WireMessage = RequestMessage | ReplyMessage | EventMessage;

/** Electron IPC channel names: requests go by invoke, events come back by send. */
export const LAB_IPC = { request: 'lab:request', event: 'lab:event' } as const;

/**
 * The least a transport offers LabApi: send one message, receive all of them. `onClose`,
 * where the transport has one, lets a client fail its pending calls instead of hanging.
 */
export interface LabChannel {
  send(message: WireMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose?(listener: (reason: LabError) => void): void;
}

/** The wire form of an error: name, message and code; no stack (it names server paths). */
export function wireError(error: unknown): SerializedError & { code: LabErrorCode } {
  if (error instanceof LabError)
    return { name: error.name, message: error.message, code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'LabError', message, code: 'internal' };
}

/** An error reply; `id` is null when the request's id could not be read. */
export function errorReply(id: number | null, error: unknown): ReplyMessage {
  return { type: 'reply', id, ok: false, error: wireError(error) };
}

/**
 * An 'invalid-argument' error naming the first failing field and its rule, e.g.
 * "startRun: args[0].models[0].workers: Too big: expected number to be <=1024".
 */
export function invalidFields(context: string, root: string, error: z.ZodError): LabError {
  return new LabError('invalid-argument', `${context}: ${describeFirstIssue(error, [root])}`);
}

/** Turns an error reply back into the LabError it stood for. */
export function labErrorFromWire(error: z.output<typeof labSerializedErrorSchema>): LabError {
  return new LabError(error.code ?? 'internal', error.message);
}
