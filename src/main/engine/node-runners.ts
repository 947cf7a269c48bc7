/** Runners for the Node-side models: event loop, worker_threads, child_process.fork. */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import { isWorkerMessage } from '../../shared/protocol';
import { createInProcessWorker } from '../../shared/pool/in-process-worker';
import type { PoolWorker, WorkerExit } from '../../shared/pool/run-pool';
import { createNodeTaskEnv } from '../../workers/node-task-env';
import type { Runner, WorkerSpawnOptions } from './runner';

/** Calls the exit listener once, whichever of 'error' and 'exit' comes first. */
function onceExit(): {
  set(listener: (exit: WorkerExit) => void): void;
  fire(exit: WorkerExit): void;
} {
  let listener: ((exit: WorkerExit) => void) | null = null;
  let fired: WorkerExit | null = null;
  return {
    set(next) {
      listener = next;
      if (fired) next(fired);
    },
    fire(exit) {
      if (fired) return;
      fired = exit;
      listener?.(exit);
    },
  };
}

/** Async/await on the engine's own thread; "workers" is the number of tasks in flight. */
export function eventLoopRunner(): Runner {
  return {
    model: 'event-loop',
    isInProcess: true,
    spawn: () => createInProcessWorker(createNodeTaskEnv, process.pid),
    // Exiting or exhausting the heap here would take Corelab itself down.
    unavailableFor: (workloadId, needs) =>
      needs.includes('worker-exit') || needs.includes('memory-limit')
        ? `${workloadId} cannot run on the engine's own thread`
        : null,
  };
}

/** One worker_threads Worker per pool worker. */
export function workerThreadsRunner(script: string): Runner {
  return {
    model: 'worker-threads',
    isInProcess: true,
    spawn(_index, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker {
      const worker = new Worker(script, {
        workerData: { memoryLimitMb },
        ...(memoryLimitMb === undefined
          ? {}
          : { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } }),
      });
      const exit = onceExit();
      let crash: WorkerExit['error'];
      let isOutOfMemory = false;
      worker.on('error', (error: Error & { code?: string }) => {
        crash = serializeError(error);
        isOutOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      });
      worker.on('exit', (code) =>
        exit.fire({
          code,
          signal: null,
          error: crash,
          ...(isOutOfMemory && memoryLimitMb !== undefined
            ? { outOfMemoryLimitMb: memoryLimitMb }
            : {}),
        }),
      );
      return {
        post: (message) => worker.postMessage(message),
        onMessage: (listener) =>
          worker.on('message', (message: unknown) => {
            if (isWorkerMessage(message)) listener(message);
          }),
        onExit: (listener) => exit.set(listener),
        kill: () => void worker.terminate(),
      };
    },
  };
}

/** One forked Node process per pool worker, talking over the IPC channel. */
export function childProcessRunner(script: string): Runner {
  return {
    model: 'child-process',
    isInProcess: false,
    spawn(_index, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker {
      const child = fork(script, [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        ...(memoryLimitMb === undefined
          ? {}
          : { execArgv: [...process.execArgv, `--max-old-space-size=${memoryLimitMb}`] }),
      });
      const exit = onceExit();
      child.on('error', (error) => {
        // Only a failed spawn ends the worker here; once it runs, 'exit' says how it ended.
        if (child.pid === undefined) {
          exit.fire({ code: null, signal: null, error: serializeError(error) });
        }
      });
      child.on('exit', (code, signal) =>
        exit.fire({
          code,
          signal,
          // V8 aborts a process that reaches its heap limit; with a limit set, that is why.
          ...(signal === 'SIGABRT' && memoryLimitMb !== undefined
            ? { outOfMemoryLimitMb: memoryLimitMb }
            : {}),
        }),
      );
      return {
        post: (message) => {
          // A child that died since our last look cannot take the message; its 'exit'
          // event says why, so the failed delivery (EPIPE) is not the error to report.
          if (child.connected) child.send(message, (error) => void error);
        },
        onMessage: (listener) =>
          child.on('message', (message: unknown) => {
            if (isWorkerMessage(message)) listener(message);
          }),
        onExit: (listener) => exit.set(listener),
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
