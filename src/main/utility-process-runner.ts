/**
 * The utility-process model: one Electron utilityProcess per pool worker, running the same
 * child-process.js host as child_process.fork (it talks through process.parentPort there).
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { Runner } from './engine/runner';
import { isWorkerMessage } from '../shared/protocol';
import type { PoolWorker, WorkerExit } from '../shared/pool/run-pool';

/** utilityProcess.fork's shape, so tests can hand in a stand-in. */
export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: Electron.ForkOptions,
) => UtilityProcess;

/** A runner that forks `script` (out/main/…/child-process.js) as utility processes. */
export function utilityProcessRunner(
  script: string,
  fork: UtilityFork = (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
): Runner {
  return {
    model: 'utility-process',
    isInProcess: false,
    spawn(index: number): PoolWorker {
      const child = fork(script, [], { serviceName: `Corelab worker ${index}`, stdio: 'inherit' });
      let exit: WorkerExit | null = null;
      let crash: string | null = null;
      let onExit: ((exit: WorkerExit) => void) | null = null;
      // 'error' (a fatal V8 error) is always followed by 'exit'; keep its reason for that.
      child.on('error', (type, location) => (crash = `${type} at ${location}`));
      child.on('exit', (code) => {
        exit = {
          code,
          signal: null,
          ...(crash ? { error: { name: 'Error', message: `utility process ${crash}` } } : {}),
        };
        onExit?.(exit);
      });
      return {
        // Electron queues messages until the process has started.
        post: (message) => {
          if (!exit) child.postMessage(message);
        },
        onMessage: (listener) =>
          child.on('message', (message: unknown) => {
            if (isWorkerMessage(message)) listener(message);
          }),
        onExit: (listener) => {
          onExit = listener;
          if (exit) listener(exit);
        },
        kill: () => void child.kill(),
      };
    },
  };
}
