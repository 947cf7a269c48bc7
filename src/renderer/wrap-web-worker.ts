/**
 * A started Web Worker as a message handle, shared by the web-workers model's PoolWorker and the
 * page pipeline's participants.
 */
import type { WorkerExit } from '../shared/pool/run-pool';

/** A Web Worker, sending `Out` to it and hearing `In` from it. */
export interface WebWorkerHandle<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** Called once, a macrotask after the worker has ended. */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Terminates it at once. */
  kill(): void;
}

/** What the protocol spoken says about the worker's messages and its end. */
export interface WebWorkerProtocol<Out, In> {
  /** Keeps only this protocol's messages; anything else is dropped. */
  isMessage: (message: unknown) => message is In;
  /** True for the last message the page sends: the worker is ended right after it. */
  isLastPost?: (message: Out) => boolean;
  /** True for the worker's last word: it has ended once that has been heard. */
  isLastMessage?: (message: In) => boolean;
  /** Treats a message that cannot be read as the worker's end instead of dropping it. */
  isUnreadableMessageFatal?: boolean;
}

/** Wraps `worker`, terminating it on its first exit of any kind. */
export function wrapWebWorker<Out, In>(
  worker: Worker,
  { isMessage, isLastPost, isLastMessage, isUnreadableMessageFatal }: WebWorkerProtocol<Out, In>,
): WebWorkerHandle<Out, In> {
  let onExit: ((exit: WorkerExit) => void) | null = null;
  let isExited = false;

  const exit = (result: WorkerExit): void => {
    if (isExited) return;
    isExited = true;
    worker.terminate();
    // A Web Worker has no exit event; the listener hears of it on the next macrotask, as it
    // would from a thread or process.
    setTimeout(() => onExit?.(result), 0);
  };

  worker.onerror = (event) => {
    event.preventDefault();
    exit({
      code: null,
      signal: null,
      error: { name: 'Error', message: event.message || 'the worker failed to load' },
    });
  };
  if (isUnreadableMessageFatal) {
    worker.onmessageerror = () => {
      exit({
        code: null,
        signal: null,
        error: { name: 'Error', message: 'a message from the worker could not be read' },
      });
    };
  }

  return {
    post(message) {
      if (isExited) return;
      worker.postMessage(message);
      if (isLastPost?.(message)) exit({ code: 0, signal: null });
    },
    onMessage(listener) {
      worker.onmessage = (event: MessageEvent) => {
        if (!isMessage(event.data)) return;
        listener(event.data);
        if (isLastMessage?.(event.data)) exit({ code: 0, signal: null });
      };
    },
    onExit(listener) {
      onExit = listener;
    },
    kill() {
      exit({ code: null, signal: 'terminate' });
    },
  };
}
