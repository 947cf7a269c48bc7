/**
 * The utility-process models: one Electron utilityProcess per pool worker, running the same
 * child-process.js host as child_process.fork (it talks through process.parentPort there),
 * and the event loop's one host per run (event-loop-host.js), so that no kernel runs on
 * Electron's main thread.
 */
import { eventLoopRunner } from './engine/event-loop-runner';
import type { Runner, SharedHostRunner, WorkerSpawnOptions } from './engine/runner';
import { isWorkerMessage } from '../shared/protocol';
import type { PoolWorker } from '../shared/pool/run-pool';
import { isFromSharedThread } from '../shared/pool/shared-thread';
import {
  electronUtilityFork,
  forkUtilityProcess,
  type UtilityFork,
} from './utility-process-handle';

/** A runner that forks `script` (out/main/…/child-process.js) as utility processes. */
export function utilityProcessRunner(
  script: string,
  fork: UtilityFork = electronUtilityFork,
): Runner {
  return {
    model: 'utility-process',
    isInProcess: false,
    spawn: (index: number, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker =>
      forkUtilityProcess(fork, script, `Corelab worker ${index}`, isWorkerMessage, memoryLimitMb),
  };
}

/** The event-loop model with its host (out/main/…/event-loop-host.js) in a utility process. */
export function utilityEventLoopRunner(
  script: string,
  fork: UtilityFork = electronUtilityFork,
): SharedHostRunner {
  return eventLoopRunner(
    () => forkUtilityProcess(fork, script, 'Corelab event loop', isFromSharedThread),
    false,
  );
}
