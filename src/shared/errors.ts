/** Typed errors shared by every layer (STYLE.md §6): one class, codes from one union. */
import { formatBytes } from './format';

export const LAB_ERROR_CODES = [
  'invalid-argument',
  'unavailable',
  'cancelled',
  'worker-crashed',
  'task-failed',
  'timeout',
  'busy',
  'not-found',
  /** A name already taken (a snapshot save or rename that would overwrite one). */
  'conflict',
  'io',
  'internal',
] as const;
export type LabErrorCode = (typeof LAB_ERROR_CODES)[number];

/** Structured-clone-safe form of an error, as it crosses a thread or process boundary. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: LabErrorCode;
}

export class LabError extends Error {
  override readonly name = 'LabError';
  constructor(
    readonly code: LabErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Rejects a value outside its allowed range, naming the option and the range. */
export function invalidArgument(option: string, rule: string): LabError {
  return new LabError('invalid-argument', `${option} ${rule}`);
}

export function cancelledError(): LabError {
  return new LabError('cancelled', 'the run was cancelled');
}

// The errors more than one place raises, worded once so the CLI and the UI say the same.

/** Another run, pipeline or live run holds the cores. */
export function runInProgressError(): LabError {
  return new LabError('busy', 'a run is already in progress; stop it or wait for it to end');
}

/** What kind of run an id names. */
export type RunKind = 'run' | 'live run' | 'pipeline';

/** An id that names no run of that kind now (never started, or ended meanwhile). */
export function noActiveRunError(kind: RunKind, runId: string): LabError {
  return new LabError('not-found', `no active ${kind} with id ${runId}`);
}

export function snapshotNotFoundError(name: string): LabError {
  return new LabError('not-found', `no snapshot named "${name}"`);
}

/** A save, import or rename that would overwrite a snapshot; `remedy` says what to do. */
export function snapshotNameTakenError(name: string, remedy: string): LabError {
  return new LabError('conflict', `a snapshot named "${name}" already exists; ${remedy}`);
}

/**
 * A file or snapshot over the size limit; `bytes` is null where reading stopped at the
 * limit, and `remedy`, when given, says what to do.
 */
export function tooLargeForSnapshotError(
  subject: string,
  bytes: number | null,
  maxBytes: number,
  remedy?: string,
): LabError {
  const size = bytes === null ? `over ${formatBytes(maxBytes)}` : formatBytes(bytes);
  const words = `${subject}: is ${size}, larger than the ${formatBytes(maxBytes)} a snapshot may be`;
  return new LabError('invalid-argument', remedy ? `${words}; ${remedy}` : words);
}

/** A program (Python, a host) that could not be started at all. */
export function couldNotStartError(program: string, error: Error): LabError {
  return new LabError('unavailable', `could not start ${program}: ${error.message}`);
}

/** Workers or participants that did not report ready within the start timeout. */
export function didNotStartError(who: string): LabError {
  return new LabError('timeout', `${who} did not start in time`);
}

/** A Python model asked for where no Python 3.8+ was found; `reason` says what was tried. */
export function pythonMissingError(model: string, reason?: string | null): LabError {
  return new LabError('unavailable', `${model} needs Python 3.8+${reason ? `: ${reason}` : ''}`);
}

/** The Python interpreter ended on its own; `how` is "exited with code 1" or the like. */
export function pythonEndedError(how: string, stderr: string): LabError {
  return new LabError('worker-crashed', `Python ${how}${stderr ? `: ${stderr}` : ''}`);
}

/** Turns anything thrown into its serialisable form. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof LabError) {
    return { name: error.name, message: error.message, stack: error.stack, code: error.code };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: 'Error', message: String(error) };
}

/** One readable sentence for an error, as shown to a user. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
