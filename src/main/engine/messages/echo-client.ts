/** The parent's side of an echo host: one request in flight at a time, answered in order. */
import { LabError } from '../../../shared/errors';
import type { EchoReply, EchoRequest } from '../../../shared/messages/message-echo';
import type { SpawnedHandle } from '../node-spawn';

export interface EchoClient {
  /** Resolves once the host said it is ready. */
  ready: Promise<void>;
  /** Sends `request` and resolves with the next reply. */
  request(request: EchoRequest, transfer?: ArrayBuffer[]): Promise<EchoReply>;
  /** Ends the host and resolves once it has exited. */
  close(): Promise<void>;
}

/** Wraps a spawned echo host; a host that exits fails what it was asked. */
export function echoClient(handle: SpawnedHandle<EchoRequest, EchoReply>): EchoClient {
  let waiting: { resolve(reply: EchoReply): void; reject(error: Error): void } | null = null;
  let gone: Error | null = null;
  let onReady: () => void = () => {};
  let onExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => (onExited = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    handle.onExit((exit) => {
      onExited();
      gone = new LabError(
        'worker-crashed',
        `the echo host exited (code ${exit.code}, signal ${exit.signal})${exit.error ? `: ${exit.error.message}` : ''}`,
      );
      reject(gone);
      waiting?.reject(gone);
      waiting = null;
    });
  });
  // Nobody else waits on `ready` once it has settled; a late exit must not go unhandled.
  ready.catch(() => {});
  handle.onMessage((reply) => {
    if (reply.type === 'ready') return onReady();
    const next = waiting;
    waiting = null;
    next?.resolve(reply);
  });
  return {
    ready,
    request(request, transfer) {
      if (gone) return Promise.reject(gone);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        handle.post(request, transfer);
      });
    },
    close: () => {
      handle.kill();
      return exited;
    },
  };
}
