/**
 * Moves snapshots from a folder Corelab used before into the one it uses now: the desktop
 * app once kept them in Electron's userData (~/.config/Corelab on Linux) while the CLI used
 * the platform's data folder, so a CLI snapshot never showed in the app. Nothing is lost: a
 * file is removed from the old folder only after its copy is in the new one, identical files
 * are kept once, and a name already taken by another snapshot gets a new name.
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../../shared/errors';
import { SNAPSHOT_LIMITS } from '../../shared/snapshot';
import { corelabDataDir, snapshotDirIn } from './data-dir';

const SUFFIX = '.json';

/** What a migration did, for one line in the log. */
export interface SnapshotMigration {
  /** Files moved under their own name. */
  moved: string[];
  /** Files whose name was taken by another snapshot: [old name, new name]. */
  renamed: [string, string][];
  /** Files the new folder already held, byte for byte; the old copy was removed. */
  duplicates: string[];
}

/** `name` with " old", " old 2", … appended, within the name length limit. */
function candidateName(name: string, attempt: number): string {
  const tail = attempt === 1 ? ' old' : ` old ${attempt}`;
  return `${name.slice(0, SNAPSHOT_LIMITS.maxNameLength - tail.length)}${tail}`;
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([fs.readFile(a), fs.readFile(b)]);
  return left.equals(right);
}

/**
 * Copies `from` to a free name in `toDir` (never over a file). Returns the name used, or
 * that `toDir` already held the very same bytes under the same name.
 */
async function copyToFreeName(
  from: string,
  toDir: string,
  name: string,
): Promise<{ target: string; isDuplicate: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const target = attempt === 0 ? name : candidateName(name, attempt);
    const to = path.join(toDir, `${target}${SUFFIX}`);
    try {
      await fs.copyFile(from, to, fsConstants.COPYFILE_EXCL);
      return { target, isDuplicate: false };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (attempt === 0 && (await sameBytes(from, to))) return { target, isDuplicate: true };
    }
  }
}

/**
 * Moves every snapshot file of `fromDir` into `toDir`; a missing `fromDir` is nothing to do.
 * Other files (temp files, anything not a snapshot) stay where they are.
 */
export async function migrateSnapshots(fromDir: string, toDir: string): Promise<SnapshotMigration> {
  const done: SnapshotMigration = { moved: [], renamed: [], duplicates: [] };
  if (path.resolve(fromDir) === path.resolve(toDir)) return done;
  let fileNames: string[];
  try {
    fileNames = await fs.readdir(fromDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return done;
    throw error;
  }
  const snapshots = fileNames.filter((f) => f.endsWith(SUFFIX) && !f.startsWith('.'));
  if (snapshots.length === 0) return done;
  await fs.mkdir(toDir, { recursive: true });
  for (const fileName of snapshots) {
    const name = fileName.slice(0, -SUFFIX.length);
    const from = path.join(fromDir, fileName);
    const { target, isDuplicate } = await copyToFreeName(from, toDir, name);
    // Only now, with its copy in place, does the old file go.
    await fs.unlink(from);
    if (target !== name) done.renamed.push([name, target]);
    else if (isDuplicate) done.duplicates.push(name);
    else done.moved.push(name);
  }
  // Leave no empty folder behind; one that still holds other files stays.
  await fs.rmdir(fromDir).catch(() => undefined);
  return done;
}

/**
 * The data folder the app shares with the CLI (CORELAB_DATA_DIR, else the platform's), after
 * moving in the snapshots of the app's former folder. A migration that fails leaves those
 * files where they were, says so, and does not stop the app.
 */
export async function sharedDataDir(formerAppDataDir: string): Promise<string> {
  const dataDir = corelabDataDir();
  // A folder the user chose by hand is theirs: nothing is moved into it.
  if (process.env.CORELAB_DATA_DIR) return dataDir;
  const from = snapshotDirIn(formerAppDataDir);
  try {
    const done = await migrateSnapshots(from, snapshotDirIn(dataDir));
    const count = done.moved.length + done.renamed.length + done.duplicates.length;
    if (count > 0) {
      const renamed = done.renamed.map(([old, now]) => `"${old}" as "${now}"`).join(', ');
      console.log(
        `Corelab: moved ${count} snapshot(s) from ${from} to ${snapshotDirIn(dataDir)}` +
          (renamed ? `; kept ${renamed}, whose names were taken` : ''),
      );
    }
  } catch (error) {
    console.warn(`Corelab: snapshots in ${from} stay there, not moved: ${errorMessage(error)}`);
  }
  return dataDir;
}
