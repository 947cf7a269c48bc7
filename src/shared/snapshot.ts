/**
 * A snapshot: one comparison or sweep kept as one JSON file, with the machine it ran on, every
 * model's full result and the core-usage series of the run (DESIGN.md "Data"); or a pipeline
 * run with its totals and live samples. Everything that
 * reads a snapshot (the store, an import, the wire) goes through parseSnapshot or these
 * schemas, so a file that does not fit is refused with the file, the field and the rule.
 */
import { z } from 'zod';
import type { snapshotListEntrySchema, snapshotSummarySchema } from './snapshot-wire';
import { LabError, tooLargeForSnapshotError } from './errors';
import {
  coreOccupantSchema,
  coreSampleSchema,
  hostInfoSchema,
  modelResultSchema,
  taskFailureSchema,
  timelineEntrySchema,
  stateSliceSchema,
} from './results';
import { MAX_TASKS, MAX_WORKERS_CEILING, runConfigSchema, sweepConfigSchema } from './run-config';
import { pipelineConfigSchema } from './pipeline/pipeline-config';
import { pipelineResultSchema, pipelineSampleSchema } from './pipeline/pipeline-result';
import { fieldPath } from './field-words';
import { describeFirstIssue, strictObject } from './schema-issues';
import { CURRENT_SNAPSHOT_VERSION, migrateSnapshot } from './snapshot-migrate';
import { MAX_STATE_SLICES } from './thread-states';
import { interferenceSchema, runEstimateSchema } from './measurement';
import { scalingFitSchema, sweepPointSchema } from './stats/scaling-schemas';
import {
  liveConfigSchema,
  liveModelResultSchema,
  liveResultSchema,
  liveSampleSchema,
} from './live/live-schema';

/** The schemaVersion this build writes (older ones are migrated on read). */
export const SNAPSHOT_SCHEMA_VERSION = CURRENT_SNAPSHOT_VERSION;

/** Bounds that keep a hostile or broken file from costing unbounded memory or time. */
export const SNAPSHOT_LIMITS = {
  /** Largest snapshot file, in bytes of UTF-8. */
  maxFileBytes: 50 * 1024 * 1024,
  maxNameLength: 80,
  maxNoteLength: 2000,
  /** Any other string (an error's stack, a CPU model). */
  maxTextLength: 16_384,
  /** Results of one snapshot: a sweep has one per worker count. */
  maxResults: MAX_WORKERS_CEILING,
  /** Timeline entries (and failures) of one result: one per task. */
  maxTasks: MAX_TASKS,
  /** Core samples: an hour at 10 Hz. */
  maxCoreSamples: 36_000,
  /** A pipeline's live samples: an hour at 4 Hz, with room to spare. */
  maxPipelineSamples: 36_000,
  /** A live run's samples of one model: an hour at 4 Hz, with room to spare. */
  maxLiveSamples: 36_000,
  maxCores: 1024,
  /** Nesting depth of the JSON document; a snapshot needs 6. */
  maxDepth: 16,
  /** Keys of one JSON object; the widest a snapshot has is a result's ~25. */
  maxObjectKeys: 256,
} as const;

const NAME_CHARACTERS = /^[A-Za-z0-9 ._-]+$/;
// CON.json is as unusable on Windows as CON itself, and older Windows trims trailing dots
// and spaces from each part, so 'con .x' and 'nul. .json' name the device too.
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)[ .]*(\..*)?$/i;

/**
 * A snapshot's name, which is also its file name (plus .json): safe on every file system, so
 * it can never point outside the snapshot folder ('../x', 'a/b'), hide itself ('.x') or hold
 * a NUL.
 */
export const snapshotNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(SNAPSHOT_LIMITS.maxNameLength, `must be at most ${SNAPSHOT_LIMITS.maxNameLength} characters`)
  .regex(
    NAME_CHARACTERS,
    'may only hold letters A-Z and a-z, digits, spaces, dots, dashes and underscores',
  )
  .refine((name) => !name.startsWith('.'), 'must not start with a dot')
  .refine((name) => !name.endsWith('.'), 'must not end with a dot')
  .refine((name) => name.trim() === name, 'must not start or end with a space')
  .refine((name) => !WINDOWS_DEVICE_NAME.test(name), 'is a reserved device name on Windows');

/** Throws 'invalid-argument' naming the field and the rule unless `name` is a valid name. */
export function validateSnapshotName(name: unknown, field = 'name'): string {
  const parsed = snapshotNameSchema.safeParse(name);
  if (parsed.success) return parsed.data;
  const shown = typeof name === 'string' ? ` ${JSON.stringify(name.slice(0, 100))}` : '';
  throw new LabError(
    'invalid-argument',
    `${field}${shown} ${parsed.error.issues[0]?.message ?? 'is invalid'}`,
  );
}

/** A valid name made from any text (a default for the save dialog): other characters become '-'. */
export function suggestSnapshotName(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9 ._-]+/g, '-')
    .replace(/^[\s.]+/, '')
    .slice(0, SNAPSHOT_LIMITS.maxNameLength)
    .replace(/[\s.]+$/, '');
  return snapshotNameSchema.safeParse(cleaned).success ? cleaned : 'snapshot';
}

/**
 * An array checked element by element up to the first bad one. zod would report every bad
 * element, and a hostile file of a million wrong entries would cost a million issue objects.
 */
function firstFailureArray<T extends z.ZodType>(element: T, max: number) {
  return z
    .array(z.unknown())
    .max(max)
    .transform((items, context): z.output<T>[] => {
      const out: z.output<T>[] = [];
      for (const [index, item] of items.entries()) {
        const parsed = element.safeParse(item);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          context.addIssue({
            code: 'custom',
            message: issue?.message ?? 'is invalid',
            path: [index, ...(issue?.path ?? [])],
          });
          return z.NEVER;
        }
        out.push(parsed.data);
      }
      return out;
    });
}

const snapshotResultSchema = modelResultSchema.extend({
  timeline: firstFailureArray(timelineEntrySchema, SNAPSHOT_LIMITS.maxTasks),
  stateSlices: firstFailureArray(stateSliceSchema, MAX_STATE_SLICES).optional(),
  failures: firstFailureArray(taskFailureSchema, SNAPSHOT_LIMITS.maxTasks),
});

// A run's or pipeline's timeline keeps each task's core instead of each core's occupant.
const snapshotCoreSampleSchema = coreSampleSchema.omit({ occupants: true }).extend({
  cores: z.array(z.number().min(0).max(100)).max(SNAPSHOT_LIMITS.maxCores),
});

/** A live run has no task timeline: its cores keep which model occupied each (Linux). */
const liveCoreSampleSchema = snapshotCoreSampleSchema.extend({
  occupants: z.array(coreOccupantSchema.nullable()).max(SNAPSHOT_LIMITS.maxCores).optional(),
});

/** What every kind of snapshot measured besides its results: cores and model start times. */
const measurementShape = {
  /** When the run began (ISO 8601). */
  startedAt: z.string().max(64),
  results: z.array(snapshotResultSchema).max(SNAPSHOT_LIMITS.maxResults),
  /** Core usage during the run, oldest first, `t` in epoch ms of the host that sampled. */
  coreSeries: firstFailureArray(snapshotCoreSampleSchema, SNAPSHOT_LIMITS.maxCoreSamples),
  /** When each result's model began, on the clock of coreSeries; null where unknown. */
  modelStartsMs: z.array(z.number().nullable()).max(SNAPSHOT_LIMITS.maxResults),
};

/**
 * How the measurement was taken: other load and the calibration's estimate. null in a
 * snapshot from before version 3, which predates rounds, warm-up and interference checks.
 */
const methodShape = {
  interference: interferenceSchema.nullable(),
  estimate: runEstimateSchema.nullable(),
};

const runContentShape = {
  kind: z.literal('run'),
  config: runConfigSchema,
  ...measurementShape,
  ...methodShape,
  /** True when Stop ended the run; the results are then what had finished. */
  isCancelled: z.boolean(),
  /** The comparison's one-sentence verdict; null before version 3. */
  verdict: z.string().max(2000).nullable(),
};

const sweepContentShape = {
  kind: z.literal('sweep'),
  config: sweepConfigSchema,
  ...measurementShape,
  ...methodShape,
  points: z.array(sweepPointSchema).max(SNAPSHOT_LIMITS.maxResults),
  /** null when the sweep ended before two worker counts were measured. */
  fit: scalingFitSchema.nullable(),
};

/** A pipeline run as kept: the engine's result, its sample series bounded. */
export const snapshotPipelineResultSchema = pipelineResultSchema.extend({
  samples: firstFailureArray(pipelineSampleSchema, SNAPSHOT_LIMITS.maxPipelineSamples),
});

const pipelineContentShape = {
  kind: z.literal('pipeline'),
  config: pipelineConfigSchema,
  ...measurementShape,
  // A pipeline has no per-model task results; the field stays so every kind reads alike.
  results: z.array(snapshotResultSchema).max(0, 'must be empty for a pipeline snapshot'),
  modelStartsMs: z.array(z.number().nullable()).max(0, 'must be empty for a pipeline snapshot'),
  /** Totals, queue kind, latency, lock wait and the live samples of the run. */
  pipeline: snapshotPipelineResultSchema,
};

/** A live run as kept: the engine's result, each model's sample series bounded. */
export const snapshotLiveResultSchema = liveResultSchema.extend({
  models: z
    .array(
      liveModelResultSchema.extend({
        samples: firstFailureArray(liveSampleSchema, SNAPSHOT_LIMITS.maxLiveSamples),
      }),
    )
    .max(16),
});

const liveContentShape = {
  kind: z.literal('live'),
  config: liveConfigSchema,
  ...measurementShape,
  // A live run's figures are per step, not per finished run; the fields stay so every kind reads alike.
  results: z.array(snapshotResultSchema).max(0, 'must be empty for a live snapshot'),
  modelStartsMs: z.array(z.number().nullable()).max(0, 'must be empty for a live snapshot'),
  /** Steps, resizes, task sizes and the live samples of every model. */
  live: snapshotLiveResultSchema,
  /** Core usage during the run, with each core's occupant where it was read. */
  coreSeries: firstFailureArray(liveCoreSampleSchema, SNAPSHOT_LIMITS.maxCoreSamples),
};

const metaShape = {
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  name: snapshotNameSchema,
  note: z.string().max(SNAPSHOT_LIMITS.maxNoteLength),
  /** When the snapshot was saved (ISO 8601). */
  createdAt: z.iso.datetime({ offset: true }),
  appVersion: z.string().min(1).max(64),
  /** The machine the engine ran on, with Node, Electron and Chromium versions. */
  host: hostInfoSchema,
};

/**
 * Characters a snapshot's text may not hold: C0 controls but tab and newline, DEL, C1
 * controls and the bidirectional overrides. An ESC in a CPU model or a note would otherwise
 * reach a terminal as a command (retitle the window, clear the screen; issue 14).
 */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The first string (or key) under `root` holding a forbidden character, as path and code. */
export function forbiddenTextIn(root: unknown): { path: (string | number)[]; code: number } | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const at = FORBIDDEN_TEXT.exec(value);
      if (at) return { path, code: at[0].charCodeAt(0) };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string' || (typeof item === 'object' && item !== null)) {
          stack.push({ value: item, path: [...path, index] });
        }
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const at = FORBIDDEN_TEXT.exec(key);
        if (at) return { path: [...path, key], code: at[0].charCodeAt(0) };
        if (typeof item === 'string' || (typeof item === 'object' && item !== null)) {
          stack.push({ value: item, path: [...path, key] });
        }
      }
    }
  }
  return null;
}

/** Refuses text with control characters anywhere in a snapshot, naming the field. */
function checkText(value: unknown, context: z.RefinementCtx): void {
  const found = forbiddenTextIn(value);
  if (!found) return;
  const code = `U+${found.code.toString(16).toUpperCase().padStart(4, '0')}`;
  context.addIssue({
    code: 'custom',
    message: `must not hold control characters (found ${code})`,
    path: found.path,
  });
}

/** Each start time belongs to one result. */
function checkStartsAlign(
  value: { results: unknown[]; modelStartsMs: unknown[] },
  context: z.RefinementCtx,
): void {
  if (value.modelStartsMs.length !== value.results.length) {
    context.addIssue({
      code: 'custom',
      message: `must have one entry per result (${value.results.length}), not ${value.modelStartsMs.length}`,
      path: ['modelStartsMs'],
    });
  }
}

/**
 * The measurement a snapshot keeps: a run, a sweep or a pipeline, as the UI or CLI hands it
 * over. Strict at the top, where the caller assembles it (a misspelt "coreSeries" would
 * otherwise save a snapshot without its series); the results inside are the engine's own.
 */
export const snapshotContentSchema = z
  .discriminatedUnion('kind', [
    strictObject(runContentShape),
    strictObject(sweepContentShape),
    strictObject(pipelineContentShape),
    strictObject(liveContentShape),
  ])
  .superRefine(checkStartsAlign)
  .superRefine(checkText);
export type SnapshotContent = z.output<typeof snapshotContentSchema>;

/**
 * A whole snapshot file at the current schemaVersion. Tolerant at the top and in the results:
 * a file an older build wrote may hold keys later versions retired, and migration reads only
 * what it changes, so those are dropped here rather than making a saved measurement
 * unreadable. The configs inside are strict (run-config.ts says why and what that asks of a
 * migration).
 */
export const snapshotSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...metaShape, ...runContentShape }),
    z.object({ ...metaShape, ...sweepContentShape }),
    z.object({ ...metaShape, ...pipelineContentShape }),
    z.object({ ...metaShape, ...liveContentShape }),
  ])
  .superRefine(checkStartsAlign)
  .superRefine(checkText);
export type Snapshot = z.output<typeof snapshotSchema>;
export type SnapshotKind = Snapshot['kind'];

/** The part of a snapshot the store lists without handing over the results. */
export type SnapshotSummary = z.output<typeof snapshotSummarySchema>;
/** One file of the snapshot folder: its summary, or why it cannot be read. */
export type SnapshotListEntry = z.output<typeof snapshotListEntrySchema>;

/** What a snapshot ran, as one word for lists: its workload, or 'pipeline'. */
export function snapshotWorkload(snapshot: Snapshot): string {
  return snapshot.kind === 'pipeline' ? 'pipeline' : snapshot.config.workload;
}

/** The task count a run or sweep was given; none for a pipeline or live run (or a sized one). */
export function snapshotTaskCount(snapshot: Snapshot): number | undefined {
  return snapshot.kind === 'run' || snapshot.kind === 'sweep'
    ? snapshot.config.taskCount
    : undefined;
}

/** The summary a list shows for a snapshot. */
export function summarizeSnapshot(snapshot: Snapshot): SnapshotSummary {
  const models =
    snapshot.kind === 'run' || snapshot.kind === 'live'
      ? snapshot.config.models.map((m) => m.model)
      : [snapshot.config.model];
  return {
    kind: snapshot.kind,
    note: snapshot.note,
    createdAt: snapshot.createdAt,
    appVersion: snapshot.appVersion,
    workload: snapshotWorkload(snapshot),
    models,
    cpuModel: snapshot.host.cpuModel,
    logicalCores: snapshot.host.logicalCores,
    platform: snapshot.host.os.platform,
  };
}

/** Bytes of `text` as UTF-8, without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A file label fit for a message: no control characters, not too long. */
export function cleanFileLabel(label: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = label.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > 120 ? `${printable.slice(0, 117)}…` : printable || '(unnamed file)';
}

interface WalkNode {
  value: object;
  key: string | number | null;
  parent: WalkNode | null;
  depth: number;
}

function pathOf(node: WalkNode, last?: string | number): string {
  const keys: PropertyKey[] = last === undefined ? [] : [last];
  for (let at: WalkNode | null = node; at && at.key !== null; at = at.parent) keys.unshift(at.key);
  return keys.length > 0 ? fieldPath(keys) : '(document)';
}

/**
 * Checks the raw document's size limits before any schema sees it: nesting depth, array
 * lengths, keys per object and string lengths. Returns "field: rule" or null.
 */
export function checkJsonLimits(root: unknown): string | null {
  const limits = SNAPSHOT_LIMITS;
  const maxArray = Math.max(limits.maxTasks, limits.maxCoreSamples);
  const checkString = (text: string, node: WalkNode, key: string | number): string | null =>
    text.length > limits.maxTextLength
      ? `${pathOf(node, key)}: text of ${text.length} characters is longer than the ${limits.maxTextLength} allowed`
      : null;
  if (typeof root !== 'object' || root === null) return null;
  // Iterative: a deeply nested hostile file must not overflow the stack.
  const stack: WalkNode[] = [{ value: root, key: null, parent: null, depth: 1 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.depth > limits.maxDepth) {
      return `${pathOf(node)}: nested deeper than ${limits.maxDepth} levels`;
    }
    const isArray = Array.isArray(node.value);
    if (isArray && (node.value as unknown[]).length > maxArray) {
      return `${pathOf(node)}: has ${(node.value as unknown[]).length} items, more than the ${maxArray} allowed`;
    }
    const entries: [string | number, unknown][] = isArray
      ? (node.value as unknown[]).map((item, index) => [index, item])
      : Object.entries(node.value);
    if (!isArray && entries.length > limits.maxObjectKeys) {
      return `${pathOf(node)}: has ${entries.length} keys, more than the ${limits.maxObjectKeys} allowed`;
    }
    for (const [key, value] of entries) {
      if (typeof key === 'string' && key.length > 256) {
        return `${pathOf(node)}: has a key of ${key.length} characters, more than the 256 allowed`;
      }
      if (typeof value === 'string') {
        const problem = checkString(value, node, key);
        if (problem) return problem;
      } else if (typeof value === 'object' && value !== null) {
        stack.push({ value, key, parent: node, depth: node.depth + 1 });
      }
    }
  }
  return null;
}

/**
 * Reads a snapshot file's text: size, JSON, limits, migration from older versions, then the
 * current schema. Throws 'invalid-argument' whose message starts with the file's label and
 * names the field and the rule, e.g. "laptop.json: host.logicalCores: Too small: …".
 */
export function parseSnapshot(text: string, fileLabel: string): Snapshot {
  const label = cleanFileLabel(fileLabel);
  const refuse = (detail: string): LabError =>
    new LabError('invalid-argument', `${label}: ${detail}`);
  // Characters never outnumber UTF-8 bytes, so this cheap test only lets through files the
  // store's byte check would also pass, give or take multi-byte text.
  if (text.length > SNAPSHOT_LIMITS.maxFileBytes) {
    throw tooLargeForSnapshotError(label, text.length, SNAPSHOT_LIMITS.maxFileBytes);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw refuse(
      `is not valid JSON (${error instanceof Error ? error.message : String(error)}); the file may be cut short`,
    );
  }
  const tooBig = checkJsonLimits(doc);
  if (tooBig) throw refuse(tooBig);
  let current: unknown;
  try {
    current = migrateSnapshot(doc);
  } catch (error) {
    if (error instanceof LabError) throw refuse(error.message);
    throw error;
  }
  const parsed = snapshotSchema.safeParse(current);
  if (!parsed.success) throw refuse(describeFirstIssue(parsed.error));
  return parsed.data;
}

/** The facts a snapshot gets from where it is saved rather than from the run. */
export interface SnapshotMeta {
  name: string;
  note: string;
  createdAt: string;
  appVersion: string;
  host: z.input<typeof hostInfoSchema>;
}

/** Builds a checked snapshot from a run's content; throws 'invalid-argument' naming the field. */
export function buildSnapshot(meta: SnapshotMeta, content: unknown): Snapshot {
  const parsed = snapshotSchema.safeParse({
    ...(typeof content === 'object' && content !== null ? content : {}),
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    ...meta,
  });
  if (!parsed.success) {
    throw new LabError('invalid-argument', `snapshot ${describeFirstIssue(parsed.error)}`);
  }
  return parsed.data;
}

/** The JSON text of a snapshot file (compact: timelines make files large). */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot)}\n`;
}

/** What a snapshot records besides a run's result: the core series and model start times. */
export interface RunRecordingLike {
  coreSeries: z.input<typeof snapshotCoreSampleSchema>[];
  modelStartsMs: (number | null)[];
}

/** A finished comparison (RunResult) as snapshot content. */
export function runContent(
  result: {
    startedAt: string;
    config: z.input<typeof runConfigSchema>;
    results: z.output<typeof modelResultSchema>[];
    isCancelled: boolean;
    interference: z.output<typeof interferenceSchema> | null;
    verdict: string | null;
    estimate: z.output<typeof runEstimateSchema> | null;
  },
  recording: RunRecordingLike,
): SnapshotContent {
  return {
    kind: 'run',
    // The engine's config already has its defaults filled in; parsing types it as such.
    config: runConfigSchema.parse(result.config),
    startedAt: result.startedAt,
    results: result.results,
    isCancelled: result.isCancelled,
    interference: result.interference,
    verdict: result.verdict,
    estimate: result.estimate,
    coreSeries: recording.coreSeries,
    modelStartsMs: recording.modelStartsMs,
  };
}

/** A finished sweep (SweepResult) as snapshot content. */
export function sweepContent(
  result: {
    startedAt: string;
    config: z.input<typeof sweepConfigSchema>;
    results: z.output<typeof modelResultSchema>[];
    points: z.output<typeof sweepPointSchema>[];
    fit: z.output<typeof scalingFitSchema> | null;
    interference: z.output<typeof interferenceSchema> | null;
    estimate: z.output<typeof runEstimateSchema> | null;
  },
  recording: RunRecordingLike,
): SnapshotContent {
  return {
    kind: 'sweep',
    config: sweepConfigSchema.parse(result.config),
    startedAt: result.startedAt,
    results: result.results,
    points: result.points,
    fit: result.fit,
    interference: result.interference,
    estimate: result.estimate,
    coreSeries: recording.coreSeries,
    modelStartsMs: recording.modelStartsMs,
  };
}

/** The last `limit` items: a run longer than a snapshot's limit keeps its end. */
function keepLast<T>(items: readonly T[], limit: number): T[] {
  return items.slice(Math.max(0, items.length - limit));
}

/** A finished live run (LiveResult) as snapshot content, with the cores recorded meanwhile. */
export function liveContent(
  result: z.input<typeof liveResultSchema>,
  coreSeries: z.input<typeof liveCoreSampleSchema>[],
): SnapshotContent {
  return {
    kind: 'live',
    config: liveConfigSchema.parse(result.config),
    startedAt: result.startedAt,
    results: [],
    modelStartsMs: [],
    live: liveResultSchema.parse({
      ...result,
      models: result.models.map((m) => ({
        ...m,
        samples: keepLast(m.samples, SNAPSHOT_LIMITS.maxLiveSamples),
      })),
    }),
    coreSeries: keepLast(coreSeries, SNAPSHOT_LIMITS.maxCoreSamples),
  };
}

/** A finished pipeline run (PipelineResult) as snapshot content, with the cores recorded meanwhile. */
export function pipelineContent(
  result: z.input<typeof pipelineResultSchema>,
  coreSeries: RunRecordingLike['coreSeries'],
): SnapshotContent {
  return {
    kind: 'pipeline',
    config: pipelineConfigSchema.parse(result.config),
    startedAt: result.startedAt,
    results: [],
    modelStartsMs: [],
    pipeline: pipelineResultSchema.parse({
      ...result,
      samples: keepLast(result.samples, SNAPSHOT_LIMITS.maxPipelineSamples),
    }),
    coreSeries: keepLast(coreSeries, SNAPSHOT_LIMITS.maxCoreSamples),
  };
}

/**
 * The first of "NAME 2", "NAME 3", … not taken (names allow no brackets), shortening NAME
 * to fit the length limit.
 */
export function freeSnapshotName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${name.slice(0, SNAPSHOT_LIMITS.maxNameLength - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
