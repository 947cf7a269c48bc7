/**
 * A PoolWorker that runs on the calling thread: the event-loop model in Node and the
 * renderer-main model in the page. Each one is a "slot" of tasks in flight, so N of them
 * give N concurrent async tasks on one thread: concurrency without parallelism.
 */
import { macrotaskQueue } from '../macrotask';
import type { HostMessage, WorkerMessage } from '../protocol';
import { serveWorker, type TaskEnvFactory } from '../serve-worker';
import type { PoolWorker, WorkerExit } from './run-pool';

/** Creates one in-process worker slot with the given task environment. */
export function createInProcessWorker(
  makeEnv: TaskEnvFactory,
  pid = 0,
  tid: number | null = null,
): PoolWorker {
  const queue = macrotaskQueue();
  let toWorker: ((message: HostMessage) => void) | null = null;
  let toHost: ((message: WorkerMessage) => void) | null = null;
  let onExit: ((exit: WorkerExit) => void) | null = null;
  let isExited = false;

  const exit = (code: number | null, signal: string | null): void => {
    if (isExited) return;
    isExited = true;
    queue.close();
    onExit?.({ code, signal });
  };

  serveWorker(
    {
      post: (message) => queue.schedule(() => !isExited && toHost?.(message)),
      onMessage: (listener) => (toWorker = listener),
    },
    { pid, tid, exit: () => queue.schedule(() => exit(0, null)) },
    makeEnv,
  );

  return {
    post: (message) => queue.schedule(() => !isExited && toWorker?.(message)),
    onMessage: (listener) => (toHost = listener),
    onExit: (listener) => (onExit = listener),
    // A task already running on this thread cannot be interrupted; its answer is dropped.
    kill: () => exit(null, 'SIGKILL'),
  };
}
