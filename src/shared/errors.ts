/** Typed errors shared by every layer (STYLE.md §6): one class, codes from one union. */
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
