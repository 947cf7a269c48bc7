/** Runners for the Node-side models: event loop, worker_threads, child_process.fork. */
import { isWorkerMessage } from '../../shared/protocol';
import { createInProcessWorker } from '../../shared/pool/in-process-worker';
import type { PoolWorker } from '../../shared/pool/run-pool';
import { createNodeTaskEnv } from '../../workers/node-task-env';
import { forkNodeProcess, spawnWorkerThread } from './node-spawn';
import type { Runner, WorkerSpawnOptions } from './runner';

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
