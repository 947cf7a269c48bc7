/**
 * An Electron utilityProcess as a message handle, shared by the utility-process model and the
 * utility-process pipeline: both run a host that talks through process.parentPort.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { WorkerExit } from '../shared/pool/run-pool';
import type { SpawnedHandle } from './engine/node-spawn';

/** utilityProcess.fork's shape, so tests can hand in a stand-in. */
export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: Electron.ForkOptions,
) => UtilityProcess;

/** Electron's own utilityProcess.fork. */
export const electronUtilityFork: UtilityFork = (modulePath, args, options) =>
  utilityProcess.fork(modulePath, args, options);

/** Signal number of an abort (V8 reaching its heap limit); a crashed utility process exits with it. */
const SIGABRT = 6;

/**
 * Forks `script` as the utility process `serviceName`; keeps messages that pass `isMessage`.
 * `memoryLimitMb` caps its V8 heap through execArgv, as utilityProcess.fork documents.
 */
export function forkUtilityProcess<Out, In>(
  fork: UtilityFork,
  script: string,
  serviceName: string,
  isMessage: (message: unknown) => message is In,
  memoryLimitMb?: number,
): SpawnedHandle<Out, In> {
  const child = fork(script, [], {
    serviceName,
    stdio: 'inherit',
    ...(memoryLimitMb === undefined ? {} : { execArgv: [`--max-old-space-size=${memoryLimitMb}`] }),
  });
  let exit: WorkerExit | null = null;
  let crash: string | null = null;
  let onExit: ((exit: WorkerExit) => void) | null = null;
  // 'error' (a fatal V8 error) is always followed by 'exit'; keep its reason for that.
  child.on('error', (type, location) => (crash = `${type} at ${location}`));
  child.on('exit', (code) => {
    // On POSIX, Electron reports a process that died of a signal with the signal's number.
    const isOutOfMemory =
      memoryLimitMb !== undefined && (code === SIGABRT || /heap/i.test(crash ?? ''));
    exit = {
      code,
      signal: null,
      ...(crash ? { error: { name: 'Error', message: `utility process ${crash}` } } : {}),
      ...(isOutOfMemory ? { outOfMemoryLimitMb: memoryLimitMb } : {}),
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
        if (isMessage(message)) listener(message);
      }),
    onExit: (listener) => {
      onExit = listener;
      if (exit) listener(exit);
    },
    kill: () => void child.kill(),
  };
}
