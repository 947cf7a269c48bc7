/**
 * The heavy part of reading a snapshot file (JSON of up to 50 MiB, then the schema, and for an
 * export the export's text), as one pure function a worker thread runs, so the browser-mode
 * server's loop never does (issue 14: listing ten 27 MB files stalled it 10.6 s). The engine
 * falls back to calling it in-thread.
 */
import { LabError, type LabErrorCode, tooLargeForSnapshotError } from './errors';
import {
  SNAPSHOT_LIMITS,
  parseSnapshot,
  serializeSnapshot,
  summarizeSnapshot,
  utf8ByteLength,
  type Snapshot,
  type SnapshotSummary,
} from './snapshot';
import { exportSnapshot, type SnapshotExport, type SnapshotExportFormat } from './snapshot-export';

/** What to do with a file's content. */
export type SnapshotJob =
  /** A listing: the summary of a stored file's bytes. */
  | { op: 'summarize'; bytes: Uint8Array; label: string }
  /** An import: the file checked (and migrated), and the text to store. */
  | { op: 'import'; text: string; label: string }
  /** A load: a stored file's snapshot, named `name` (its file's name is its identity). */
  | { op: 'load'; bytes: Uint8Array; label: string; name: string }
  /** An export of a stored file, named `name`, in `format`. */
  | { op: 'export'; bytes: Uint8Array; label: string; name: string; format: SnapshotExportFormat };

/** A job's answer: one kind per op, or its refusal. */
export type SnapshotJobResult =
  | { ok: true; op: 'summarize'; summary: SnapshotSummary }
  | { ok: true; op: 'import'; name: string; summary: SnapshotSummary; text: string }
  | { ok: true; op: 'load'; snapshot: Snapshot }
  | { ok: true; op: 'export'; exported: SnapshotExport }
  | { ok: false; code: LabErrorCode; message: string };

/** Runs one job; never throws (a worker answers every job). */
export function runSnapshotJob(job: SnapshotJob): SnapshotJobResult {
  try {
    const text = job.op === 'import' ? job.text : new TextDecoder().decode(job.bytes);
    const parsed = parseSnapshot(text, job.label);
    if (job.op === 'load') return { ok: true, op: 'load', snapshot: { ...parsed, name: job.name } };
    if (job.op === 'export') {
      const exported = exportSnapshot({ ...parsed, name: job.name }, job.format);
      return { ok: true, op: 'export', exported };
    }
    const snapshot = parsed;
    const summary = summarizeSnapshot(snapshot);
    if (job.op === 'summarize') return { ok: true, op: 'summarize', summary };
    const stored = serializeSnapshot(snapshot);
    const bytes = utf8ByteLength(stored);
    if (bytes > SNAPSHOT_LIMITS.maxFileBytes) {
      throw tooLargeForSnapshotError(
        `snapshot "${snapshot.name}"`,
        bytes,
        SNAPSHOT_LIMITS.maxFileBytes,
      );
    }
    return { ok: true, op: 'import', name: snapshot.name, summary, text: stored };
  } catch (error) {
    return error instanceof LabError
      ? { ok: false, code: error.code, message: error.message }
      : {
          ok: false,
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        };
  }
}
