/**
 * A worker process orphaned by SIGKILL of its parent ends within a second, even in the
 * middle of a long CPU task (issue 14, item 12): real processes, a real signal, the process
 * table checked afterwards.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, waitFor } from '../../helpers/processes';

const childScript = resolve('out/workers/child-process.js');

// A parent that forks the worker, gives it one task of minutes (π(4·10^8) by trial
// division) and prints the worker's pid once the task is sent.
const PARENT_SOURCE = `
const { fork } = require('node:child_process');
const child = fork(process.argv[1], [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
child.on('message', (message) => {
  if (message.type !== 'ready') return;
  child.send({ type: 'task', runId: 'orphan', taskIndex: 0 });
  process.stdout.write(child.pid + '\\n');
});
child.send({
  type: 'init', runId: 'orphan', worker: 0, workload: 'cpu.primes',
  params: { limit: 400000000 }, taskCount: 1, io: {},
});
`;

describe('a child-process worker whose parent is SIGKILLed', () => {
  it('notices within a second though its main thread is busy in a kernel', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT_SOURCE, childScript], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const workerPid = await new Promise<number>((resolvePid) =>
      parent.stdout.once('data', (chunk: Buffer) => resolvePid(Number(chunk.toString()))),
    );
    // Well inside the task: the main thread cannot read its channel until the task ends.
    await new Promise((r) => setTimeout(r, 500));
    expect(isAlive(workerPid)).toBe(true);
    const killedAt = performance.now();
    parent.kill('SIGKILL');
    const isGone = await waitFor(() => !isAlive(workerPid), 1000);
    if (!isGone) process.kill(workerPid, 'SIGKILL');
    expect(isGone, 'the orphan still runs').toBe(true);
    expect(performance.now() - killedAt).toBeLessThan(1000);
  });
});
