/**
 * The snapshot methods of LabApi on the wire: argument and reply schemas, merged into
 * LAB_METHODS by lab-wire.ts. Names are checked here already, so a request for '../x' is
 * refused before it reaches the store.
 */
import { z } from 'zod';
import type { SaveSnapshotRequest } from './lab-api';
import {
  SNAPSHOT_LIMITS,
  snapshotContentSchema,
  snapshotNameSchema,
  snapshotSchema,
  type SnapshotListEntry,
  type SnapshotSummary,
} from './snapshot';
import { SNAPSHOT_EXPORT_FORMATS, type SnapshotExport } from './snapshot-export';

export const snapshotSummarySchema = z.object({
  kind: z.enum(['run', 'sweep', 'pipeline', 'live']),
  note: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  workload: z.string(),
  models: z.array(z.string()),
  cpuModel: z.string(),
  logicalCores: z.number(),
  platform: z.string(),
});

export const snapshotListEntrySchema = z.object({
  name: z.string(),
  sizeBytes: z.number().nonnegative(),
  modifiedAt: z.string(),
  summary: snapshotSummarySchema.nullable(),
  error: z.string().nullable(),
});

export const saveSnapshotRequestSchema = z.object({
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
      z
        .object({ overwrite: z.boolean().optional() })
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

// Compile-time checks that the schemas produce exactly what the contract promises.
type Assignable<T extends U, U> = T;
export type SnapshotWireChecks = [
  Assignable<z.output<typeof snapshotSummarySchema>, SnapshotSummary>,
  Assignable<z.output<typeof snapshotListEntrySchema>, SnapshotListEntry>,
  Assignable<z.output<typeof saveSnapshotRequestSchema>, SaveSnapshotRequest>,
  Assignable<z.output<typeof snapshotExportSchema>, SnapshotExport>,
];
