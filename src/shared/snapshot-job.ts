/**
 * The heavy part of reading a snapshot file (JSON of up to 50 MiB, then the schema), as one
 * pure function a worker thread runs, so the browser-mode server's loop never does (issue 14:
 * listing ten 27 MB files stalled it 10.6 s). The engine falls back to calling it in-thread.
 */
import { LabError, type LabErrorCode } from './errors';
import {
  SNAPSHOT_LIMITS,
  parseSnapshot,
  serializeSnapshot,
  summarizeSnapshot,
  utf8ByteLength,
  type SnapshotSummary,
} from './snapshot';
import { formatBytes } from './format';

/** What to do with a file's content. */
export type SnapshotJob =
  /** A listing: the summary of a stored file's bytes. */
  | { op: 'summarize'; bytes: Uint8Array; label: string }
  /** An import: the file checked (and migrated), and the text to store. */
  | { op: 'import'; text: string; label: string };

export type SnapshotJobResult =
  | { ok: true; name: string; summary: SnapshotSummary; text: string | null }
  | { ok: false; code: LabErrorCode; message: string };

/** Runs one job; never throws (a worker answers every job). */
export function runSnapshotJob(job: SnapshotJob): SnapshotJobResult {
  try {
    const text = job.op === 'summarize' ? new TextDecoder().decode(job.bytes) : job.text;
    const snapshot = parseSnapshot(text, job.label);
    const summary = summarizeSnapshot(snapshot);
    if (job.op === 'summarize') return { ok: true, name: snapshot.name, summary, text: null };
    const stored = serializeSnapshot(snapshot);
    const bytes = utf8ByteLength(stored);
    if (bytes > SNAPSHOT_LIMITS.maxFileBytes) {
      throw new LabError(
        'invalid-argument',
        `snapshot "${snapshot.name}" would be ${formatBytes(bytes)}, more than the ${formatBytes(SNAPSHOT_LIMITS.maxFileBytes)} a snapshot may be`,
      );
    }
    return { ok: true, name: snapshot.name, summary, text: stored };
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
