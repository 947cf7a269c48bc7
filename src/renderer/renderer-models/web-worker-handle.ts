/** The web-workers model's PoolWorker: one Web Worker speaking the shared protocol. */
import { isWorkerMessage } from '../../shared/protocol';
import type { PoolWorker, WorkerExit } from '../../shared/pool/run-pool';

/** Starts one Web Worker running src/workers/web-worker.ts. */
export function spawnWebWorker(index: number): PoolWorker {
  // Written out in full so the bundler finds and bundles the worker entry.
  const worker = new Worker(new URL('../../workers/web-worker.ts', import.meta.url), {
    type: 'module',
    name: `corelab-web-worker-${index}`,
  });
  let onExit: ((exit: WorkerExit) => void) | null = null;
  let isExited = false;

  const exit = (result: WorkerExit): void => {
    if (isExited) return;
    isExited = true;
    worker.terminate();
    // A Web Worker has no exit event; the pool hears of it on the next macrotask, as it
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
  worker.onmessageerror = () => {
    exit({
      code: null,
      signal: null,
      error: { name: 'Error', message: 'a message from the worker could not be read' },
    });
  };

  return {
    post(message) {
      if (isExited) return;
      worker.postMessage(message);
      // The pool sends `stop` only to an idle worker, and a Web Worker has no usage to
      // report, so it can be ended at once: nothing it could still say is lost.
      if (message.type === 'stop') exit({ code: 0, signal: null });
    },
    onMessage(listener) {
      worker.onmessage = (event: MessageEvent) => {
        if (isWorkerMessage(event.data)) listener(event.data);
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
