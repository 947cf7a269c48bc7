/**
 * The snapshot methods of LabApi on the wire: argument and reply schemas, merged into
 * LAB_METHODS by lab-wire.ts. Names are checked here already, so a request for '../x' is
 * refused before it reaches the store.
 */
import { z } from 'zod';
import {
  SNAPSHOT_LIMITS,
  snapshotContentSchema,
  snapshotNameSchema,
  snapshotSchema,
} from './snapshot';
import { SNAPSHOT_EXPORT_FORMATS } from './snapshot-export';
import { strictObject } from './schema-issues';

export const snapshotSummarySchema = z.object({
  kind: z.enum(['run', 'sweep', 'pipeline', 'live']),
  note: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  workload: z.string(),
  /** The models compared (a sweep's one model). */
  models: z.array(z.string()),
  cpuModel: z.string(),
  logicalCores: z.number(),
  platform: z.string(),
});

export const snapshotListEntrySchema = z.object({
  /** The file's name without .json: what load, rename, delete and export take. */
  name: z.string(),
  sizeBytes: z.number().nonnegative(),
  /** The file's modification time (ISO 8601). */
  modifiedAt: z.string(),
  summary: snapshotSummarySchema.nullable(),
  /** Why the file cannot be read ("name.json: host.logicalCores: …"); null when it can. */
  error: z.string().nullable(),
});

export const saveSnapshotRequestSchema = strictObject({
  name: snapshotNameSchema,
  note: z.string().max(SNAPSHOT_LIMITS.maxNoteLength).optional(),
  overwrite: z.boolean().optional(),
  content: snapshotContentSchema,
});

export const snapshotExportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
});

const voidReply = z.unknown().transform(() => undefined);

/** Argument and reply schemas of the snapshot methods, keyed like LAB_METHODS. */
export const SNAPSHOT_METHODS = {
  listSnapshots: { args: z.tuple([]), value: z.array(snapshotListEntrySchema) },
  saveSnapshot: {
    args: z.tuple([saveSnapshotRequestSchema]),
    value: snapshotListEntrySchema,
  },
  loadSnapshot: { args: z.tuple([snapshotNameSchema]), value: snapshotSchema },
  renameSnapshot: {
    args: z.tuple([snapshotNameSchema, snapshotNameSchema]),
    value: snapshotListEntrySchema,
  },
  deleteSnapshot: { args: z.tuple([snapshotNameSchema]), value: voidReply },
  importSnapshot: {
    args: z.tuple([
      // The store names the file in its refusal; the bound here only caps the request.
      z.string().max(SNAPSHOT_LIMITS.maxFileBytes),
      z.string().max(1024),
      // JSON writes an options argument passed as undefined as null: read as none.
      strictObject({ overwrite: z.boolean().optional() })
        .nullish()
        .transform((options) => options ?? undefined),
    ]),
    value: snapshotListEntrySchema,
  },
  exportSnapshot: {
    args: z.tuple([snapshotNameSchema, z.enum(SNAPSHOT_EXPORT_FORMATS)]),
    value: snapshotExportSchema,
  },
};
