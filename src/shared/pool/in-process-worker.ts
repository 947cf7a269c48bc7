/**
 * A PoolWorker that runs on the calling thread: the event-loop model in Node and the
 * renderer-main model in the page. Each one is a "slot" of tasks in flight, so N of them
 * give N concurrent async tasks on one thread: concurrency without parallelism.
 */
import type { HostMessage, WorkerMessage } from '../protocol';
import { serveWorker, type TaskEnvFactory } from '../serve-worker';
import type { PoolWorker, WorkerExit } from './run-pool';

/**
 * Delivers a message as a macrotask: between two tasks the thread must get back to its
 * event loop (timers, I/O, painting), as real async code does. Not a microtask, and not
 * setTimeout(0), whose 1–4 ms clamp would dominate tiny tasks.
 *
 * Node has setImmediate, which yields to I/O between callbacks. A MessageChannel there
 * would not: Node drains a port while messages keep arriving, so two slots ping-ponging
 * starve each other, the engine's I/O and a cancel. Browsers have no setImmediate, and
 * there a MessageChannel task interleaves fairly with rendering and input.
 */
function macrotaskQueue(): { schedule(run: () => void): void; close(): void } {
  const immediate = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;
  if (immediate) {
    let isClosed = false;
    return {
      schedule: (run) => void immediate(() => !isClosed && run()),
      close: () => (isClosed = true),
    };
  }
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    schedule(run) {
      queue.push(run);
      channel.port2.postMessage(null);
    },
    close() {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

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
