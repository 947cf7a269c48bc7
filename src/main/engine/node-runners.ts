/** Runners for the Node-side models: worker_threads, child_process.fork (event loop: event-loop-runner.ts). */
import { isWorkerMessage } from '../../shared/protocol';
import type { PoolWorker } from '../../shared/pool/run-pool';
import { forkNodeProcess, spawnWorkerThread } from './node-spawn';
import type { Runner, WorkerSpawnOptions } from './runner';

/** One worker_threads Worker per pool worker. */
export function workerThreadsRunner(script: string): Runner {
  return {
    model: 'worker-threads',
    isInProcess: true,
    spawn: (_index, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker =>
      spawnWorkerThread(script, { isMessage: isWorkerMessage, memoryLimitMb }, { memoryLimitMb }),
  };
}

/** One forked Node process per pool worker, talking over the IPC channel. */
export function childProcessRunner(script: string): Runner {
  return {
    model: 'child-process',
    isInProcess: false,
    spawn: (_index, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker =>
      forkNodeProcess(script, { isMessage: isWorkerMessage, memoryLimitMb }),
  };
}
