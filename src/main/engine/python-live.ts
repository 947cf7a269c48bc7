/**
 * A live run's Python workers (issue 16). One Python process hosts them, each a process, a
 * thread or a coroutine of the model's own, and the shared pull loop (run-pool.ts) drives
 * each one as it drives Node's, so a Python pool grows, shrinks and changes task size like
 * theirs and every task is checked the same way. The host speaks the slot lines of
 * src/shared/pool/shared-thread.ts as JSON over its stdin and stdout; openSharedHost turns
 * them into pool workers, as it does for the event loop's host.
 */
import { createInterface } from 'node:readline';
import { LabError, serializeError, couldNotStartError } from '../../shared/errors';
import type { WorkerExit } from '../../shared/pool/run-pool';
import type { FromSharedThread, ToSharedThread } from '../../shared/pool/shared-thread';
import type { SharedThreadHandle } from './event-loop-runner';
import { keepStderrTail, killProcessGroup, spawnPythonScript } from './python-process';
import { pythonLiveLineSchema, type PythonLiveInit, type PythonModelId } from './python-protocol';
import type { SpawnOwner } from './spawn-owner';

/** Starts a live host of `model`; held by `owner` until it has exited. */
export function spawnPythonLiveHost(
  pythonPath: string,
  script: string,
  model: PythonModelId,
  owner: SpawnOwner,
): SharedThreadHandle {
  const child = spawnPythonScript(pythonPath, script);
  const release = owner.hold(() => killProcessGroup(child));
  let onMessage: ((message: FromSharedThread) => void) | null = null;
  let onExit: ((exit: WorkerExit) => void) | null = null;
  let exited: WorkerExit | null = null;
  let crash: WorkerExit['error'];
  const stderrTail = keepStderrTail(child);

  const exit = (how: WorkerExit): void => {
    if (exited) return;
    // Whatever the host left behind (a pool process orphaned by a crash) goes with its group.
    killProcessGroup(child);
    release();
    exited = crash && !how.error ? { ...how, error: crash } : how;
    onExit?.(exited);
  };
  const fail = (message: string): void => {
    crash ??= serializeError(new LabError('worker-crashed', message));
    killProcessGroup(child);
  };

  child.on('error', (error) => {
    // Only a failed spawn ends it here; once it runs, 'close' says how it ended.
    if (child.pid !== undefined) return;
    exit({
      code: null,
      signal: null,
      error: serializeError(couldNotStartError(pythonPath, error)),
    });
  });
  // Writing after Python exited fails with EPIPE; 'close' reports how it ended.
  child.stdin?.on('error', () => undefined);
  if (child.stdout) {
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      if (exited || line.trim() === '') return;
      let parsed;
      try {
        parsed = pythonLiveLineSchema.parse(JSON.parse(line));
      } catch {
        fail(`the Python live host wrote an unexpected line: ${line.slice(0, 200)}`);
        return;
      }
      if ('type' in parsed) fail(parsed.error.message);
      else onMessage?.(parsed);
    });
  }
  child.on('close', (code, signal) => {
    const stderr = stderrTail();
    if (code !== 0 && stderr) fail(`the Python live host ended: ${stderr}`);
    exit({ code, signal });
  });

  const write = (line: object): void => {
    if (child.stdin?.writable) child.stdin.write(`${JSON.stringify(line)}\n`);
  };
  const init: PythonLiveInit = { type: 'init', mode: 'live', model };
  write(init);

  return {
    post(message: ToSharedThread) {
      // The host has no loop lateness to report: at `finish` it ends its workers and exits,
      // and its exit settles the run's report.
      if ('type' in message) child.stdin?.end();
      else write(message);
    },
    onMessage: (listener) => (onMessage = listener),
    onExit(listener) {
      onExit = listener;
      if (exited) listener(exited);
    },
    kill: () => killProcessGroup(child),
  };
}
