/** `--save NAME [--note TEXT]` of run and sweep: checked before the run, saved after it. */
import type { LabEngine } from '../../main/engine/lab-engine';
import type { RunRecorder } from '../../main/engine/run-recorder';
import { errorMessage, snapshotNameTakenError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import type { SnapshotContent } from '../../shared/snapshot';
import { FORBIDDEN_TEXT, SNAPSHOT_LIMITS, validateSnapshotName } from '../../shared/snapshot';
import { UsageError } from '../cli-args';
import { terminalSafe } from '../tty';

/** The flags run and sweep add for saving. */
export const SAVE_FLAGS = {
  save: { type: 'string' },
  note: { type: 'string' },
} as const;

/** A save asked for on the command line, with the recording of the run it will keep. */
export interface PlannedSave {
  name: string;
  note: string;
  recorder: RunRecorder;
}

/**
 * Checks --save and --note and starts recording the run's cores. A bad or taken name, or a
 * folder that cannot be written, is refused now, so that a long run never ends in failure.
 */
export async function planSave(
  values: Record<string, unknown>,
  engine: LabEngine,
): Promise<PlannedSave | null> {
  const note = typeof values.note === 'string' ? values.note : '';
  if (values.save === undefined) {
    if (values.note !== undefined) throw new UsageError('--note needs --save NAME');
    return null;
  }
  let name: string;
  try {
    name = validateSnapshotName(values.save, '--save');
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  if (note.length > SNAPSHOT_LIMITS.maxNoteLength) {
    throw new UsageError(`--note must be at most ${SNAPSHOT_LIMITS.maxNoteLength} characters`);
  }
  if (FORBIDDEN_TEXT.test(note)) throw new UsageError('--note must not hold control characters');
  if (await engine.snapshots.has(name)) {
    throw snapshotNameTakenError(
      name,
      `choose another name or delete it first (corelab snapshots delete "${name}")`,
    );
  }
  // A read-only or missing folder fails now, not after the whole run.
  await engine.snapshots.checkWritable();
  return { name, note, recorder: engine.startRecording() };
}

/** Saves the run; says where on stderr (stdout may be --json). Returns false if it failed. */
export async function saveRun(
  engine: LabEngine,
  plan: PlannedSave,
  content: SnapshotContent,
): Promise<boolean> {
  try {
    const entry = await engine.saveSnapshot({ name: plan.name, note: plan.note, content });
    process.stderr.write(
      `Saved snapshot "${entry.name}" (${formatBytes(entry.sizeBytes)}) in ${engine.snapshots.dir}\n`,
    );
    return true;
  } catch (error) {
    process.stderr.write(
      `corelab: could not save the snapshot: ${terminalSafe(errorMessage(error))}\n`,
    );
    return false;
  }
}
