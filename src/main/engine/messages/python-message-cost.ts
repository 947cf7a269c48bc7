/**
 * The Python rows of the message explorer: `python -I -B src/python messages`
 * (src/python/corelab/messages.py) is the parent and measures its own round trips; this reads
 * its rows.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cancelledError, LabError, couldNotStartError } from '../../../shared/errors';
import type { MessageMode, MessageModel, MessageRow } from '../../../shared/messages/message-cost';
import {
  messageRow,
  warmUpRoundTrips,
  type RoundTripBudget,
} from '../../../shared/messages/message-row';
import { killProcessGroup, pythonArgs } from '../python-process';
import type { SpawnOwner } from '../spawn-owner';

export interface PythonMessageJob {
  pythonPath: string;
  /** The src/python folder; its `messages` program is the explorer's Python side. */
  script: string;
  modes: readonly MessageMode[];
  sizes: readonly number[];
  budget: RoundTripBudget;
  owner: SpawnOwner;
  onRow(row: MessageRow): void;
  signal?: AbortSignal;
}

/** One line of the explorer's output. */
type PythonLine =
  | { type: 'row'; model: MessageModel; mode: MessageMode; bytes: number; roundTripsMs: number[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

const STDERR_TAIL_CHARS = 2000;

/** Runs the explorer for `modes` and resolves once it printed `done`. */
export function measurePython(job: PythonMessageJob): Promise<void> {
  return new Promise((resolve, reject) => {
    if (job.signal?.aborted) return reject(cancelledError());
    // A process group of its own: a cancel or the engine's close ends Python's echo processes
    // with it, which a kill of the parent alone would leave blocked on their queues.
    const child = spawn(job.pythonPath, pythonArgs(job.script, 'messages'), {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const killGroup = (): void => killProcessGroup(child);
    const release = job.owner.hold(killGroup);
    let failure: Error | null = null;
    let isDone = false;
    let stderrTail = '';
    const onAbort = (): void => {
      failure ??= cancelledError();
      killGroup();
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      failure ??= couldNotStartError(job.pythonPath, error);
    });
    // Writing after Python exited fails with EPIPE; 'close' says how it ended.
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (text) => {
      let line: PythonLine;
      try {
        line = JSON.parse(text) as PythonLine;
      } catch {
        failure ??= new LabError('internal', `the Python explorer printed "${text.slice(0, 200)}"`);
        return;
      }
      if (line.type === 'row')
        job.onRow(messageRow(line.model, line.mode, line.bytes, line.roundTripsMs));
      else if (line.type === 'done') isDone = true;
      else failure ??= new LabError('internal', `Python: ${line.message}`);
    });
    child.on('close', (code, signal) => {
      // Whatever Python left behind goes with the group.
      killGroup();
      release();
      job.signal?.removeEventListener('abort', onAbort);
      if (isDone && !failure) return resolve();
      reject(
        failure ??
          new LabError(
            'internal',
            `the Python explorer exited (code ${code}, signal ${signal})${stderrTail ? `: ${stderrTail.trim().split('\n').pop()}` : ''}`,
          ),
      );
    });
    const warmUps = Object.fromEntries(job.sizes.map((bytes) => [bytes, warmUpRoundTrips(bytes)]));
    child.stdin.end(
      `${JSON.stringify({ modes: job.modes, sizes: job.sizes, budget: { ...job.budget, warmUps } })}\n`,
    );
  });
}
