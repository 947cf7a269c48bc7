/**
 * What a message costs (issue 17, item 4): the schemas of the message explorer's options and
 * report. A row is one model, one way of passing data and one payload size; a crossover is
 * the size from which a sharing mode beats a copying one.
 */
import { z } from 'zod';
import { strictObject } from '../schema-issues';

/** The models the explorer measures: one parent and one worker in each. */
export const MESSAGE_MODEL_IDS = [
  'worker-threads',
  'child-process',
  'python-multiprocessing',
  'python-threading',
] as const;
export const messageModelSchema = z.enum(MESSAGE_MODEL_IDS);
export type MessageModel = z.infer<typeof messageModelSchema>;

/**
 * Ways of passing data. `bare-post-message` is the control: a worker with no Corelab code,
 * echoing with plain postMessage, to check the explorer's structured-clone figures against.
 */
export const MESSAGE_MODES = [
  'structured-clone',
  'transfer',
  'shared-array-buffer',
  'bare-post-message',
  'ipc-advanced',
  'ipc-json',
  'queue-pickle',
  'shared-memory',
  'shared-object',
] as const;
export const messageModeSchema = z.enum(MESSAGE_MODES);
export type MessageMode = z.infer<typeof messageModeSchema>;

/** The modes of each model, in the order the table lists them. */
export const MODEL_MESSAGE_MODES: Record<MessageModel, readonly MessageMode[]> = {
  'worker-threads': ['structured-clone', 'transfer', 'shared-array-buffer', 'bare-post-message'],
  'child-process': ['ipc-advanced', 'ipc-json'],
  'python-multiprocessing': ['queue-pickle', 'shared-memory'],
  'python-threading': ['shared-object'],
};

/** How the CLI and the UI name each mode (the same words in both). */
export const MESSAGE_MODE_LABELS: Record<MessageMode, string> = {
  'structured-clone': 'structured clone (copy)',
  transfer: 'transfer an ArrayBuffer',
  'shared-array-buffer': 'SharedArrayBuffer (no copy)',
  'bare-post-message': 'control: bare postMessage',
  'ipc-advanced': "IPC, serialization 'advanced'",
  'ipc-json': "IPC, serialization 'json'",
  'queue-pickle': 'multiprocessing.Queue (pickle)',
  'shared-memory': 'multiprocessing.shared_memory',
  'shared-object': "a thread's shared object",
};

export const MIN_MESSAGE_BYTES = 8;
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const messageBytesSchema = z.number().int().min(MIN_MESSAGE_BYTES).max(MAX_MESSAGE_BYTES);

/** What to measure; absent fields take every model and the default sizes. */
export const messageOptionsSchema = strictObject({
  models: z.array(messageModelSchema).min(1).max(MESSAGE_MODEL_IDS.length).optional(),
  sizes: z.array(messageBytesSchema).min(1).max(32).optional(),
});
export type MessageOptions = z.infer<typeof messageOptionsSchema>;

/** One model, mode and size: round-trip percentiles and the payload rate at the median. */
export const messageRowSchema = z.object({
  model: messageModelSchema,
  mode: messageModeSchema,
  bytes: messageBytesSchema,
  roundTripMsP50: z.number().nonnegative(),
  roundTripMsP99: z.number().nonnegative(),
  /** Payload bytes per second of median round trip, in MB (10⁶ bytes). */
  mbPerSec: z.number().nonnegative(),
});
export type MessageRow = z.infer<typeof messageRowSchema>;

/**
 * From `fromBytes` up, `fasterMode` beat `slowerMode` at every size measured; null when it
 * did not at the largest size (so no crossover was seen).
 */
export const messageCrossoverSchema = z.object({
  model: messageModelSchema,
  fasterMode: messageModeSchema,
  slowerMode: messageModeSchema,
  fromBytes: messageBytesSchema.nullable(),
});
export type MessageCrossover = z.infer<typeof messageCrossoverSchema>;

/** A model the explorer could not measure here, and why. */
export const messageUnavailableSchema = z.object({
  model: messageModelSchema,
  reason: z.string(),
});

/** What `corelab messages --json` prints. */
export const messageTableSchema = z.object({
  rows: z.array(messageRowSchema),
  crossovers: z.array(messageCrossoverSchema),
});
export type MessageTable = z.infer<typeof messageTableSchema>;

/** The whole report: the table plus the models left out, with their reasons. */
export const messageReportSchema = messageTableSchema.extend({
  unavailable: z.array(messageUnavailableSchema),
});
export type MessageReport = z.infer<typeof messageReportSchema>;

/** The progress of a measurement: the row just measured, and how far it has got. */
export const messageProgressSchema = z.object({
  row: messageRowSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
});
export type MessageProgress = z.infer<typeof messageProgressSchema>;
