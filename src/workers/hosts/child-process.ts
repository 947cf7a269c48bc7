/**
 * child_process.fork host: adapts the IPC channel to the shared worker protocol. Electron's
 * utilityProcess runs this same file (see src/main/utility-process-runner.ts).
 */
import { getHeapStatistics } from 'node:v8';
import { isHostMessage, type WorkerMessage } from '../../shared/protocol';
import { serveWorker } from '../../shared/serve-worker';
import { createNodeTaskEnv } from '../node-task-env';
import { exitWithParent } from '../orphan-watch';
import { osThreadId } from '../os-thread-id';
import { parentChannel } from '../parent-channel';
import { processUsage } from '../process-usage';

/** V8's heap limit is the old space plus the young generation (48 MiB at most in Node 20+). */
const YOUNG_GENERATION_MAX_MB = 128;

/**
 * The --max-old-space-size this process was started with (the last one wins), in MiB, where
 * V8 applies it. Electron hands a utility process's execArgv over as command-line switches;
 * a limit the heap does not show is not offered, so fault.oom refuses to run unbounded.
 */
function heapLimitMb(): number | undefined {
  const flags = process.execArgv.filter((flag) => flag.startsWith('--max-old-space-size='));
  const value = Number(flags.at(-1)?.split('=')[1]);
  if (!Number.isInteger(value) || value <= 0) return undefined;
  const appliedMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  return appliedMb <= value + YOUNG_GENERATION_MAX_MB ? value : undefined;
}

const channel = parentChannel<WorkerMessage>('child-process.js');
const memoryLimitMb = heapLimitMb();

// No orphans: when the parent dies the IPC channel closes, and we leave with it. A task can
// hold the main thread for minutes, so a watcher thread also ends us within a fraction of a
// second of the parent's death. (Pipeline hosts go back to their loop between events and
// need no watcher: their channel's close is enough.)
process.on('disconnect', () => process.exit(0));
exitWithParent();

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
    tid: osThreadId(),
    usage: processUsage,
    exit: () => channel.exitWhenFlushed(),
  },
  (io) =>
    createNodeTaskEnv(io, {
      exitWorker: (code) => process.exit(code),
      ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
    }),
);
