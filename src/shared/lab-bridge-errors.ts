/**
 * Electron's contextBridge copies only the message of an Error that crosses it, so a
 * LabError's code would be lost between the preload and the page. The preload folds the
 * code into the message; the page's transport unfolds it, and both hosts reject alike.
 */
import { LabError } from './errors';
import type { LabApi } from './lab-api';
import { LAB_METHOD_NAMES, isLabErrorCode, wireError, type LabMethod } from './lab-wire';

const MARK = 'LabError[';

/** An Error whose message carries the code: "LabError[busy] a run is already in progress". */
export function foldErrorCode(error: unknown): Error {
  const { code, message } = wireError(error);
  return new Error(`${MARK}${code}] ${message}`);
}

/** The LabError a folded Error stood for; anything else is returned as it is. */
export function unfoldErrorCode(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.startsWith(MARK)) return error;
  const end = error.message.indexOf('] ', MARK.length);
  const code = error.message.slice(MARK.length, end);
  if (end === -1 || !isLabErrorCode(code)) return error;
  return new LabError(code, error.message.slice(end + 2));
}

/** `lab` with every call's rejection passed through `map`; subscriptions unchanged. */
export function mapRejections(lab: LabApi, map: (error: unknown) => unknown): LabApi {
  const wrap =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call(...args).catch((error: unknown) => {
        throw map(error);
      });
  // From the one method list, so every call is wrapped, a new one included.
  const calls = Object.fromEntries(
    LAB_METHOD_NAMES.map((method) => [
      method,
      wrap((...args: unknown[]) => (lab[method] as (...a: unknown[]) => Promise<unknown>)(...args)),
    ]),
  ) as Pick<LabApi, LabMethod>;
  return {
    ...calls,
    onCoreSample: (listener) => lab.onCoreSample(listener),
    onEvent: (listener) => lab.onEvent(listener),
  };
}
