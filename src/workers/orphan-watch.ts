/**
 * Ends a forked host within a fraction of a second of its parent's death, even while its
 * main thread is deep in a CPU kernel and cannot see its channel close (issue 14, item 12).
 */
import { Worker } from 'node:worker_threads';

/** How often the watcher looks at the parent; an orphan is gone within about this long. */
export const ORPHAN_CHECK_MS = 200;

// Runs on a thread of its own (CommonJS, from a string: no file to ship). The parent is
// gone when we were re-parented (POSIX) or when its pid no longer answers (Windows, which
// does not re-parent). Either way nobody waits for this process's answers: it kills itself,
// which ends the kernel on the main thread at once.
const WATCHER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { parentPid, everyMs } = workerData;
const isParentGone = () => {
  if (process.ppid !== parentPid) return true;
  try {
    process.kill(parentPid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
};
setInterval(() => {
  if (isParentGone()) process.kill(process.pid, 'SIGKILL');
}, everyMs);
`;

/** Starts the watcher thread; it never keeps the process alive by itself. */
export function exitWithParent(everyMs = ORPHAN_CHECK_MS): void {
  const watcher = new Worker(WATCHER_SOURCE, {
    eval: true,
    workerData: { parentPid: process.ppid, everyMs },
  });
  watcher.on('error', (error) => {
    // A safety net only: without it an idle orphan still leaves when its channel closes.
    process.stderr.write(`corelab: the parent watcher stopped: ${error.message}\n`);
  });
  watcher.unref();
}
