/**
 * The utility-process model: one Electron utilityProcess per pool worker, running the same
 * child-process.js host as child_process.fork (it talks through process.parentPort there).
 */
import type { Runner } from './engine/runner';
import { isWorkerMessage } from '../shared/protocol';
import type { PoolWorker } from '../shared/pool/run-pool';
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
    spawn: (index: number): PoolWorker =>
      forkUtilityProcess(fork, script, `Corelab worker ${index}`, isWorkerMessage),
  };
}
