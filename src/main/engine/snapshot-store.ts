/**
 * The snapshot folder: one JSON file per snapshot, named after it. Writes are atomic (a temp
 * file in the same folder, fsync, rename, fsync of the folder), so a crash mid-write leaves
 * the previous file as it was; a name that is taken is refused unless the caller says to
 * replace it; every read goes through the schema, and a bad file is listed with its error
 * instead of breaking the list.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  LabError,
  errorMessage,
  snapshotNotFoundError,
  snapshotNameTakenError,
  tooLargeForSnapshotError,
} from '../../shared/errors';
import {
  SNAPSHOT_LIMITS,
  cleanFileLabel,
  serializeSnapshot,
  snapshotSchema,
  summarizeSnapshot,
  utf8ByteLength,
  validateSnapshotName,
  type Snapshot,
  type SnapshotListEntry,
  type SnapshotSummary,
} from '../../shared/snapshot';
import type { SnapshotExport, SnapshotExportFormat } from '../../shared/snapshot-export';
import { describeFirstIssue } from '../../shared/schema-issues';
import type { SnapshotJob, SnapshotJobResult } from '../../shared/snapshot-job';
import { readRegularFileBytes } from './bounded-file';
import { snapshotJobBatch } from './snapshot-jobs';

export interface SaveOptions {
  /** Replace a snapshot of the same name (the UI asked "Replace?"); refused otherwise. */
  overwrite?: boolean;
}

/** The snapshot folder's operations; names are validated, files read through the schema. */
export interface SnapshotStore {
  readonly dir: string;
  /** Every snapshot file, newest first; an unreadable one carries its error. */
  list(): Promise<SnapshotListEntry[]>;
  load(name: string): Promise<Snapshot>;
  /** Whether a snapshot file of this name exists (readable or not). */
  has(name: string): Promise<boolean>;
  save(snapshot: Snapshot, options?: SaveOptions): Promise<SnapshotListEntry>;
  rename(from: string, to: string): Promise<SnapshotListEntry>;
  delete(name: string): Promise<void>;
  /** Validates a file's text (migrating older versions) and saves it under its own name. */
  import(text: string, fileLabel: string, options?: SaveOptions): Promise<SnapshotListEntry>;
  export(name: string, format: SnapshotExportFormat): Promise<SnapshotExport>;
  /** Throws 'io' naming the folder unless a file can be written there now (before a long run). */
  checkWritable(): Promise<void>;
}

/** File-system calls the store lets a test replace, to fail or stall a write on purpose. */
export interface StoreIo {
  rename: typeof fs.rename;
}

const SUFFIX = '.json';
/** Temp files start with a dot, which no snapshot name may, so a list never shows them. */
const isSnapshotFileName = (fileName: string): boolean =>
  fileName.endsWith(SUFFIX) && !fileName.startsWith('.');
/** `.NAME.json.<12 hex>.tmp`, as writeTemp names them. */
const TEMP_FILE = /^\..+\.json\.[0-9a-f]{12}\.tmp$/;
/**
 * A temp file this old belongs to a writer that died (a crash, a SIGKILL); a live save
 * (another Corelab on the same folder) finishes its file in seconds.
 */
export const STALE_TEMP_MS = 10 * 60 * 1000;

const nodeCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | null)?.code;

/** An I/O failure as one sentence naming what was being done. */
function ioError(action: string, error: unknown): LabError {
  if (error instanceof LabError) return error;
  return new LabError('io', `${action}: ${errorMessage(error)}`, { cause: error });
}

function conflictError(name: string): LabError {
  return snapshotNameTakenError(name, 'choose another name or replace it');
}

/** Flushes a folder's entry list, so a rename survives a power cut (not possible on Windows). */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Options of createSnapshotStore. */
export interface SnapshotStoreOptions {
  /** The snapshot reader's thread (out/workers/snapshot-thread.js); in-thread without it. */
  readerScript?: string;
}

/** Opens (creating if needed) the snapshot folder `dir`. */
export function createSnapshotStore(
  dir: string,
  io: StoreIo = { rename: fs.rename },
  options: SnapshotStoreOptions = {},
): SnapshotStore {
  const root = path.resolve(dir);
  // Listing and importing parse whole files: on a thread of their own where one is given.
  const batch = snapshotJobBatch(options.readerScript);
  /** Parsed summaries by file name, valid while the file's size and mtime are unchanged. */
  const cache = new Map<string, { key: string; entry: SnapshotListEntry }>();

  const fileOf = (name: string): string => path.join(root, `${name}${SUFFIX}`);

  /** Removes temp files left by writers that died; once, before the first list or save. */
  const sweepStaleTemps = async (): Promise<void> => {
    let fileNames: string[];
    try {
      fileNames = await fs.readdir(root);
    } catch {
      return; // No folder yet: nothing to sweep.
    }
    const nowMs = Date.now();
    for (const fileName of fileNames.filter((f) => TEMP_FILE.test(f))) {
      const file = path.join(root, fileName);
      try {
        const stat = await fs.lstat(file);
        if (stat.isFile() && nowMs - stat.mtimeMs > STALE_TEMP_MS) await fs.rm(file);
      } catch {
        // Gone already, or not ours to remove: the next open tries again.
      }
    }
  };
  let swept: Promise<void> | null = null;
  const sweptOnce = (): Promise<void> => (swept ??= sweepStaleTemps());

  /** A file's bytes: a regular file (not a link), read with a bound. */
  const readBytes = async (fileName: string): Promise<Buffer> => {
    const file = path.join(root, fileName);
    if (!(await fs.lstat(file)).isFile()) {
      throw new LabError('invalid-argument', `${fileName}: is not a file`);
    }
    return readRegularFileBytes(file, SNAPSHOT_LIMITS.maxFileBytes, fileName);
  };

  const entryOf = (
    name: string,
    stat: { size: number; mtime: Date },
    summary: SnapshotSummary,
  ): SnapshotListEntry => ({
    name,
    sizeBytes: stat.size,
    modifiedAt: stat.mtime.toISOString(),
    summary,
    error: null,
  });

  /** A job's answer, or its refusal thrown. */
  const resultOf = <Op extends SnapshotJob['op']>(
    result: SnapshotJobResult,
    op: Op,
  ): Extract<SnapshotJobResult, { op: Op }> => {
    if (!result.ok) throw new LabError(result.code, result.message);
    if (result.op !== op) throw new LabError('internal', `a ${op} job answered as ${result.op}`);
    return result as Extract<SnapshotJobResult, { op: Op }>;
  };

  /**
   * Runs `job` on the stored file `name` on the reader's thread: a load or an export parses
   * up to 50 MiB, which must not hold the server's loop (issue 14).
   */
  const runOnFile = async <Op extends 'load' | 'export'>(
    rawName: string,
    job: (bytes: Buffer, name: string) => Extract<SnapshotJob, { op: Op }>,
    op: Op,
  ): Promise<Extract<SnapshotJobResult, { op: Op }>> => {
    const name = validateSnapshotName(rawName);
    let bytes: Buffer;
    try {
      bytes = await readBytes(`${name}${SUFFIX}`);
    } catch (error) {
      if (nodeCode(error) === 'ENOENT') {
        throw snapshotNotFoundError(name);
      }
      throw ioError(`could not read snapshot "${name}"`, error);
    }
    return resultOf(await batch((run) => run(job(bytes, name))), op);
  };

  const listOne = async (
    fileName: string,
    run: (job: SnapshotJob) => Promise<SnapshotJobResult>,
  ): Promise<SnapshotListEntry | null> => {
    const name = fileName.slice(0, -SUFFIX.length);
    let stat;
    try {
      stat = await fs.lstat(path.join(root, fileName));
    } catch (error) {
      // Deleted between readdir and lstat: it is simply gone.
      if (nodeCode(error) === 'ENOENT') return null;
      throw error;
    }
    if (!stat.isFile()) return null;
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = cache.get(fileName);
    if (cached?.key === key) return cached.entry;
    let entry: SnapshotListEntry;
    try {
      validateSnapshotName(name, `${fileName}: file name`);
      const bytes = await readBytes(fileName);
      entry = entryOf(
        name,
        stat,
        resultOf(await run({ op: 'summarize', bytes, label: fileName }), 'summarize').summary,
      );
    } catch (error) {
      entry = {
        name,
        sizeBytes: stat.size,
        modifiedAt: stat.mtime.toISOString(),
        summary: null,
        error: errorMessage(error),
      };
    }
    cache.set(fileName, { key, entry });
    return entry;
  };

  /**
   * Writes `text` to a temp file beside the target and fsyncs it; returns the temp path. A
   * failed write (a full disk) removes its own file: the caller never learns its path.
   */
  const writeTemp = async (name: string, text: string): Promise<string> => {
    await fs.mkdir(root, { recursive: true });
    const temp = path.join(root, `.${name}${SUFFIX}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    return temp;
  };

  /**
   * Moves the temp file into place. Without overwrite, link() refuses an existing target
   * atomically (no window between "is it there?" and the write); file systems without hard
   * links fall back to a check and a rename.
   */
  const commit = async (temp: string, target: string, overwrite: boolean): Promise<void> => {
    if (overwrite) {
      await io.rename(temp, target);
      return;
    }
    try {
      await fs.link(temp, target);
      await fs.unlink(temp);
      return;
    } catch (error) {
      if (nodeCode(error) === 'EEXIST') throw conflictError(path.basename(target, SUFFIX));
      if (!['EPERM', 'ENOTSUP', 'EXDEV', 'ENOSYS', 'EOPNOTSUPP'].includes(nodeCode(error) ?? '')) {
        throw error;
      }
    }
    const exists = await fs.access(target, fsConstants.F_OK).then(
      () => true,
      () => false,
    );
    if (exists) throw conflictError(path.basename(target, SUFFIX));
    await io.rename(temp, target);
  };

  const save = async (
    snapshot: Snapshot,
    options: SaveOptions = {},
  ): Promise<SnapshotListEntry> => {
    const name = validateSnapshotName(snapshot.name);
    const checked = snapshotSchema.safeParse(snapshot);
    if (!checked.success) {
      throw new LabError('invalid-argument', `snapshot ${describeFirstIssue(checked.error)}`);
    }
    const text = serializeSnapshot(checked.data);
    const bytes = utf8ByteLength(text);
    if (bytes > SNAPSHOT_LIMITS.maxFileBytes) {
      throw tooLargeForSnapshotError(
        `snapshot "${name}"`,
        bytes,
        SNAPSHOT_LIMITS.maxFileBytes,
        'run fewer tasks or models',
      );
    }
    return writeChecked(name, text, summarizeSnapshot(checked.data), options);
  };

  /** Stores the text of a checked snapshot under `name`. */
  const writeChecked = async (
    name: string,
    text: string,
    summary: SnapshotSummary,
    options: SaveOptions,
  ): Promise<SnapshotListEntry> => {
    const target = fileOf(name);
    let temp: string | null = null;
    try {
      await sweptOnce();
      temp = await writeTemp(name, text);
      await commit(temp, target, options.overwrite ?? false);
      temp = null;
      await syncDir(root);
      const stat = await fs.stat(target);
      const entry = entryOf(name, stat, summary);
      cache.set(`${name}${SUFFIX}`, { key: `${stat.size}:${stat.mtimeMs}`, entry });
      return entry;
    } catch (error) {
      throw ioError(`could not save snapshot "${name}" in ${root}`, error);
    } finally {
      // A failed commit leaves no temp file behind (a crash may: the next open sweeps it).
      if (temp) await fs.rm(temp, { force: true });
    }
  };

  // The file's name is the snapshot's identity, whatever the file says inside.
  const load = async (rawName: string): Promise<Snapshot> => {
    const loaded = await runOnFile(
      rawName,
      (bytes, name) => ({ op: 'load', bytes, label: `${name}${SUFFIX}`, name }),
      'load',
    );
    return loaded.snapshot;
  };

  return {
    dir: root,
    async list() {
      await sweptOnce();
      let fileNames: string[];
      try {
        fileNames = await fs.readdir(root);
      } catch (error) {
        if (nodeCode(error) === 'ENOENT') return [];
        throw ioError(`could not list ${root}`, error);
      }
      const names = fileNames.filter(isSnapshotFileName);
      for (const cached of cache.keys()) if (!names.includes(cached)) cache.delete(cached);
      const entries: SnapshotListEntry[] = [];
      // One at a time: each may read up to 50 MiB, and a list must not hold them all at once.
      await batch(async (run) => {
        for (const fileName of names) {
          const entry = await listOne(fileName, run);
          if (entry) entries.push(entry);
        }
      });
      const when = (e: SnapshotListEntry): string => e.summary?.createdAt ?? e.modifiedAt;
      return entries.sort((a, b) => when(b).localeCompare(when(a)) || a.name.localeCompare(b.name));
    },
    load,
    async has(rawName) {
      const name = validateSnapshotName(rawName);
      return fs.access(fileOf(name), fsConstants.F_OK).then(
        () => true,
        () => false,
      );
    },
    save,
    async rename(rawFrom, rawTo) {
      const from = validateSnapshotName(rawFrom, 'from');
      const to = validateSnapshotName(rawTo, 'to');
      const snapshot = await load(from);
      if (from === to) {
        return entryOf(from, await fs.stat(fileOf(from)), summarizeSnapshot(snapshot));
      }
      // The new file is complete before the old one goes: a crash between leaves both.
      const entry = await save({ ...snapshot, name: to });
      await fs.rm(fileOf(from), { force: true });
      cache.delete(`${from}${SUFFIX}`);
      return entry;
    },
    async delete(rawName) {
      const name = validateSnapshotName(rawName);
      try {
        await fs.unlink(fileOf(name));
      } catch (error) {
        if (nodeCode(error) === 'ENOENT') {
          throw snapshotNotFoundError(name);
        }
        throw ioError(`could not delete snapshot "${name}"`, error);
      }
      cache.delete(`${name}${SUFFIX}`);
      await syncDir(root);
    },
    async import(text, fileLabel, options = {}) {
      const bytes = utf8ByteLength(text);
      if (bytes > SNAPSHOT_LIMITS.maxFileBytes) {
        throw tooLargeForSnapshotError(
          cleanFileLabel(fileLabel),
          bytes,
          SNAPSHOT_LIMITS.maxFileBytes,
        );
      }
      const checked = resultOf(
        await batch((run) => run({ op: 'import', text, label: fileLabel })),
        'import',
      );
      const name = validateSnapshotName(checked.name);
      return writeChecked(name, checked.text, checked.summary, options);
    },
    async export(rawName, format) {
      const done = await runOnFile(
        rawName,
        (bytes, name) => ({ op: 'export', bytes, label: `${name}${SUFFIX}`, name, format }),
        'export',
      );
      return done.exported;
    },
    async checkWritable() {
      try {
        await fs.rm(await writeTemp('write-check', ''));
      } catch (error) {
        throw ioError(`cannot save snapshots in ${root}`, error);
      }
    },
  };
}
