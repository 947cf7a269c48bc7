/**
 * child_process.fork host: adapts the IPC channel to the shared worker protocol. Electron's
 * utilityProcess runs this same file (see src/main/utility-process-runner.ts).
 */
import { isHostMessage, type WorkerMessage } from '../shared/protocol';
import { serveWorker } from '../shared/serve-worker';
import { createNodeTaskEnv } from './node-task-env';
import { processUsage } from './process-usage';

interface ParentChannel {
  post(message: WorkerMessage): void;
  on(listener: (message: unknown) => void): void;
  /** Exits once every message posted so far has left the process. */
  exitWhenFlushed(): void;
}

/** The slice of Electron's process.parentPort this host uses (no Electron import here). */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utility process speaks through process.parentPort; a fork through process.send. */
function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      on: (listener) => electronPort.on('message', (event) => listener(event.data)),
      exitWhenFlushed: () => setImmediate(() => process.exit(0)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('child-process.js must be started with an IPC channel (fork)');
  // process.send is asynchronous: exiting before its callback can drop the usage report.
  let pending = 0;
  let isExitWanted = false;
  const exitIfFlushed = (): void => {
    if (isExitWanted && pending === 0) process.exit(0);
  };
  return {
    post: (message) => {
      pending++;
      send(message, undefined, undefined, () => {
        pending--;
        exitIfFlushed();
      });
    },
    on: (listener) => process.on('message', listener),
    exitWhenFlushed: () => {
      isExitWanted = true;
      exitIfFlushed();
    },
  };
}

/** The --max-old-space-size this process was started with (the last one wins), in MiB. */
function heapLimitMb(): number | undefined {
  const flags = process.execArgv.filter((flag) => flag.startsWith('--max-old-space-size='));
  const value = Number(flags.at(-1)?.split('=')[1]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

const channel = parentChannel();
const memoryLimitMb = heapLimitMb();

// No orphans: when the parent dies the IPC channel closes, and we leave with it.
process.on('disconnect', () => process.exit(0));

serveWorker(
  {
    post: (message) => channel.post(message),
    onMessage: (listener) =>
      channel.on((message) => {
        if (isHostMessage(message)) listener(message);
      }),
  },
  {
    pid: process.pid,
    usage: processUsage,
    exit: () => channel.exitWhenFlushed(),
  },
  (io) =>
    createNodeTaskEnv(io, {
      exitWorker: (code) => process.exit(code),
      ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
    }),
);
