/**
 * Node transports as message handles: a worker_threads Worker or a forked process, wrapped so
 * the pool (PoolWorker) and the pipeline (PipelinePeer) see the same post/onMessage/onExit/kill.
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import type { WorkerExit } from '../../shared/pool/run-pool';

/** A spawned worker or process, sending `Out` to it and hearing `In` from it. */
export interface SpawnedHandle<Out, In> {
  /** Sends `message`; `transfer` (threads only) moves those buffers instead of copying them. */
  post(message: Out, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: In) => void): void;
  /** Called once, when it is gone; `outOfMemoryLimitMb` only where a memory limit was set. */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends it at once (terminate, SIGKILL). */
  kill(): void;
}

/** How to start a Node worker or process. */
export interface NodeSpawnOptions<In> {
  /** Keeps only the messages of the protocol spoken; anything else is dropped. */
  isMessage: (message: unknown) => message is In;
  /** Caps its V8 heap at this many MiB; an exit for going over it says so. */
  memoryLimitMb?: number;
  /** A forked process's IPC serialisation: 'json' (Node's default) or 'advanced' (V8's). */
  serialization?: 'json' | 'advanced';
}

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

/** Starts `script` on a worker_threads Worker, handing it `workerData`. */
export function spawnWorkerThread<Out, In>(
  script: string,
  { isMessage, memoryLimitMb }: NodeSpawnOptions<In>,
  workerData?: unknown,
): SpawnedHandle<Out, In> {
  const worker = new Worker(script, {
    workerData,
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
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) =>
      worker.on('message', (message: unknown) => {
        if (isMessage(message)) listener(message);
      }),
    onExit: (listener) => exit.set(listener),
    kill: () => void worker.terminate(),
  };
}

/** Forks `script` as a Node process talking over the IPC channel. */
export function forkNodeProcess<Out extends object, In>(
  script: string,
  { isMessage, memoryLimitMb, serialization }: NodeSpawnOptions<In>,
): SpawnedHandle<Out, In> {
  const child = fork(script, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(serialization === undefined ? {} : { serialization }),
    ...(memoryLimitMb === undefined
      ? {}
      : { execArgv: [...process.execArgv, `--max-old-space-size=${memoryLimitMb}`] }),
  });
  const exit = onceExit();
  child.on('error', (error) => {
    // Only a failed spawn ends the process here; once it runs, 'exit' says how it ended.
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
        if (isMessage(message)) listener(message);
      }),
    onExit: (listener) => exit.set(listener),
    kill: () => void child.kill('SIGKILL'),
  };
}
