/**
 * The calling end of LabApi over any LabChannel: sends requests, matches replies by id and
 * validates them and every event with the lab-wire schemas before anyone sees them.
 */
import { LabError, errorMessage } from './errors';
import type { LabApi, LabEvent } from './lab-api';
import {
  LAB_METHODS,
  LAB_METHOD_NAMES,
  eventMessageSchema,
  invalidFields,
  labErrorFromWire,
  replyMessageSchema,
  type LabChannel,
  type LabMethod,
} from './lab-wire';
import type { CoreSample } from './results';

/** Options of createLabClient. */
export interface LabClientOptions {
  /** Where dropped messages and failing listeners are reported. */
  log?: (message: string) => void;
}

interface PendingCall {
  method: LabMethod;
  resolve: (value: unknown) => void;
  reject: (error: LabError) => void;
}

/** Calls every listener; one that throws is logged and does not stop the others. */
function notify<T>(
  listeners: Set<(value: T) => void>,
  value: T,
  log: (message: string) => void,
): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      log(`lab client: a listener threw: ${errorMessage(error)}`);
    }
  }
}

/** A LabApi whose calls and events travel over `channel`. */
export function createLabClient(channel: LabChannel, options: LabClientOptions = {}): LabApi {
  const log = options.log ?? ((message: string) => console.warn(message));
  const pending = new Map<number, PendingCall>();
  const sampleListeners = new Set<(sample: CoreSample) => void>();
  const eventListeners = new Set<(event: LabEvent) => void>();
  let nextId = 1;

  const onReply = (message: unknown): void => {
    const reply = replyMessageSchema.safeParse(message);
    if (!reply.success) {
      const error = invalidFields('reply', 'message', reply.error);
      const id = (message as { id?: unknown }).id;
      const call = typeof id === 'number' ? pending.get(id) : undefined;
      log(`lab client: dropped a malformed reply (${error.message})`);
      if (call && typeof id === 'number') {
        // Its caller would otherwise wait for ever.
        pending.delete(id);
        call.reject(new LabError('internal', error.message));
      }
      return;
    }
    const call = reply.data.id === null ? undefined : pending.get(reply.data.id);
    if (!call || reply.data.id === null) {
      // A reply to nothing we asked (or to a request the server could not read).
      if (!reply.data.ok)
        log(`lab client: server error without a call: ${reply.data.error.message}`);
      else log(`lab client: dropped a reply to unknown request ${String(reply.data.id)}`);
      return;
    }
    pending.delete(reply.data.id);
    if (!reply.data.ok) {
      call.reject(labErrorFromWire(reply.data.error));
      return;
    }
    const value = LAB_METHODS[call.method].value.safeParse(reply.data.value);
    if (value.success) call.resolve(value.data);
    // The server answered outside the contract: a fault on its side, not the caller's.
    else
      call.reject(
        new LabError(
          'internal',
          invalidFields(`${call.method} reply`, 'value', value.error).message,
        ),
      );
  };

  const onEvent = (message: unknown): void => {
    const event = eventMessageSchema.safeParse(message);
    if (!event.success) {
      log(
        `lab client: dropped a malformed event (${invalidFields('event', 'message', event.error).message})`,
      );
      return;
    }
    if (event.data.channel === 'core-sample') notify(sampleListeners, event.data.payload, log);
    else notify(eventListeners, event.data.payload, log);
  };

  channel.onMessage((message) => {
    const type =
      typeof message === 'object' && message !== null
        ? (message as { type?: unknown }).type
        : undefined;
    if (type === 'reply') onReply(message);
    else if (type === 'event') onEvent(message);
    else
      log(`lab client: dropped a message of unknown type ${JSON.stringify(type) ?? 'undefined'}`);
  });

  channel.onClose?.((reason) => {
    // Replies to these calls can no longer arrive; fail them now rather than hang the UI.
    for (const call of pending.values()) call.reject(reason);
    pending.clear();
  });

  const call = <M extends LabMethod>(
    method: M,
    args: Parameters<LabApi[M]>,
  ): ReturnType<LabApi[M]> => {
    const promise = new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { method, resolve, reject });
      try {
        channel.send({ type: 'request', id, method, args });
      } catch (error) {
        pending.delete(id);
        reject(
          error instanceof LabError ? error : new LabError('unavailable', errorMessage(error)),
        );
      }
    });
    return promise as ReturnType<LabApi[M]>;
  };

  // Every call is built from the one method list: a method added to the contract and its
  // schemas needs nothing here. Arguments travel as given (an omitted optional stays out).
  const calls = Object.fromEntries(
    LAB_METHOD_NAMES.map((method) => [
      method,
      (...args: unknown[]) => call(method, args as Parameters<LabApi[typeof method]>),
    ]),
  ) as Pick<LabApi, LabMethod>;
  return {
    ...calls,
    onCoreSample: (listener) => {
      sampleListeners.add(listener);
      return () => void sampleListeners.delete(listener);
    },
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
  };
}
