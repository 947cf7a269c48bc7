/**
 * The serving end of LabApi over any LabChannel: validates each incoming request with the
 * lab-wire schemas, calls the API and answers; forwards the API's events. Written once for
 * the WebSocket server and the Electron IPC handlers.
 */
import { invalidArgument, LabError } from './errors';
import type { LabApi } from './lab-api';
import {
  LAB_METHOD_NAMES,
  LAB_METHODS,
  invalidFields,
  errorReply,
  isLabMethod,
  requestMessageSchema,
  type LabChannel,
  type LabMethod,
  type ReplyMessage,
} from './lab-wire';
import { untrustedShapeProblem } from './untrusted-shape';

/** Reads a request's id if it has a usable one, so even a malformed request gets its answer. */
function readRequestId(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * Answers one request. Never throws: malformed input becomes an 'invalid-argument' reply
 * naming the field, and whatever the API throws becomes an error reply with its code.
 */
export async function handleLabRequest(api: LabApi, message: unknown): Promise<ReplyMessage> {
  const shapeProblem = untrustedShapeProblem(message);
  if (shapeProblem !== null) {
    return errorReply(readRequestId(message), new LabError('invalid-argument', shapeProblem));
  }
  const envelope = requestMessageSchema.safeParse(message);
  if (!envelope.success) {
    return errorReply(readRequestId(message), invalidFields('request', 'message', envelope.error));
  }
  const { id, method, args } = envelope.data;
  if (!isLabMethod(method)) {
    return errorReply(
      id,
      invalidArgument('method', `must be one of ${LAB_METHOD_NAMES.join(', ')}`),
    );
  }
  const parsedArgs = LAB_METHODS[method].args.safeParse(args);
  if (!parsedArgs.success) {
    return errorReply(id, invalidFields(method, 'args', parsedArgs.error));
  }
  try {
    const value = await callMethod(api, method, parsedArgs.data);
    return { type: 'reply', id, ok: true, value };
  } catch (error) {
    return errorReply(id, error);
  }
}

/** Calls `method` with arguments its schema has already checked. */
function callMethod<M extends LabMethod>(
  api: LabApi,
  method: M,
  args: Parameters<LabApi[M]>,
): Promise<unknown> {
  const fn = api[method] as (...callArgs: Parameters<LabApi[M]>) => Promise<unknown>;
  return fn.apply(api, args);
}

/** Options of serveLabApi. */
export interface ServeLabApiOptions {
  /** Where a failure to send is reported; the channel's peer may simply be gone. */
  log?: (message: string) => void;
}

/**
 * Serves `api` on `channel` until the returned function is called: every request gets
 * exactly one reply, and every core sample and lab event is forwarded.
 */
export function serveLabApi(
  api: LabApi,
  channel: LabChannel,
  options: ServeLabApiOptions = {},
): () => void {
  const log = options.log ?? ((message: string) => console.warn(message));
  let isOpen = true;
  const send = (message: Parameters<LabChannel['send']>[0]): void => {
    if (!isOpen) return;
    try {
      channel.send(message);
    } catch (error) {
      log(`lab channel: could not send a ${message.type}: ${String(error)}`);
    }
  };
  const unsubscribers = [
    api.onCoreSample((payload) => send({ type: 'event', channel: 'core-sample', payload })),
    api.onEvent((payload) => send({ type: 'event', channel: 'lab-event', payload })),
  ];
  channel.onMessage((message) => {
    if (!isOpen) return;
    void handleLabRequest(api, message).then(send);
  });
  return () => {
    isOpen = false;
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
