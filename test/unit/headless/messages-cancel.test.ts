/**
 * A long message-explorer run (64 MiB payloads, Python too) ends promptly when cancelled: by
 * Ctrl+C in `corelab messages`, and by LabApi.cancelMessages. Its worker processes are checked
 * in the OS process table afterwards: none may be left.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../src/main/engine/lab-engine';
import { detectPython } from '../../../src/main/engine/python-detect';
import { LabError } from '../../../src/shared/errors';
import type { MessageModel } from '../../../src/shared/messages/message-cost';
import { builtScripts, cliPath } from '../../helpers/built';
import { isAlive, waitFor } from '../../helpers/processes';

const MIB_64 = 64 * 1024 * 1024;
const hasProcTable = process.platform === 'linux' && existsSync('/proc/self/stat');
const python = await detectPython();
const MODELS: MessageModel[] = python.available
  ? ['child-process', 'python-multiprocessing']
  : ['child-process'];

/** Every process descended from `root`, read from the OS process table (ps). */
function descendants(root: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const [pid, ppid] of table) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        frontier.push(pid);
      }
    }
  }
  return found;
}

/** The built bundles with the explorer's echo host and Python script beside them. */
const scripts = {
  ...builtScripts,
  messageEcho: resolve('out/workers/message-echo.js'),
  python: resolve('out/python'),
};

describe.skipIf(!hasProcTable)('cancelling the message explorer', () => {
  it('Ctrl+C ends `corelab messages` at 64 MiB within about a second, no worker left', async () => {
    const cli = spawn(
      process.execPath,
      [cliPath, 'messages', '--models', MODELS.join(','), '--sizes', '64MiB'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    // Wait until its echo processes run (and Python's, when it is here), then a moment more.
    const workers: number[] = [];
    const started = await waitFor(() => {
      workers.splice(0, workers.length, ...descendants(cli.pid!));
      return workers.length >= 1;
    }, 20_000);
    expect(started).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    workers.push(...descendants(cli.pid!).filter((pid) => !workers.includes(pid)));
    const t0 = performance.now();
    cli.kill('SIGINT');
    const code = await exited;
    const exitMs = performance.now() - t0;
    // 130: ended by SIGINT, as the shell expects.
    expect(code).toBe(130);
    expect(exitMs).toBeLessThan(1500);
    expect(await waitFor(() => workers.every((pid) => !isAlive(pid)), 1000)).toBe(true);
    console.log(
      `corelab messages: exited ${exitMs.toFixed(0)} ms after Ctrl+C; ${workers.length} worker processes, none left`,
    );
  }, 60_000);

  it('cancelMessages rejects the measurement within about a second and ends its processes', async () => {
    const engine = createLabEngine({ workerScripts: scripts, runtimes: ['node'] });
    try {
      let rows = 0;
      engine.onEvent((event) => {
        if (event.type === 'messages-progress') rows++;
      });
      // Python's parent and its echo process when Python is here, else the IPC echo process.
      const model = MODELS.at(-1)!;
      const measuring = engine.measureMessages({ models: [model], sizes: [8, MIB_64] });
      const outcome = measuring.then(
        () => null,
        (error: unknown) => error,
      );
      // Into the 64 MiB round trips: an 8 B row is in and the worker processes run.
      const least = model === 'child-process' ? 1 : 2;
      expect(
        await waitFor(() => rows >= 1 && descendants(process.pid).length >= least, 30_000),
      ).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const workers = descendants(process.pid);
      expect(workers.length).toBeGreaterThanOrEqual(least);
      const rowsBefore = rows;
      const t0 = performance.now();
      await engine.cancelMessages();
      const error = await outcome;
      const cancelMs = performance.now() - t0;
      expect(error).toBeInstanceOf(LabError);
      expect((error as LabError).code).toBe('cancelled');
      expect(cancelMs).toBeLessThan(1000);
      expect(
        await waitFor(() => workers.every((pid) => !isAlive(pid)), 1000),
        workers
          .filter(isAlive)
          .map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
          .join('; '),
      ).toBe(true);
      // The explorer is free again at once: a cancel leaves nothing holding the cores.
      const report = await engine.measureMessages({ models: ['worker-threads'], sizes: [8] });
      expect(report.rows).toHaveLength(4);
      console.log(
        `cancelMessages (${model}): answered in ${cancelMs.toFixed(0)} ms after ${rowsBefore} rows`,
      );
    } finally {
      await engine.close();
    }
  }, 90_000);

  it('cancelMessages with nothing measuring does nothing', async () => {
    const engine = createLabEngine({ workerScripts: scripts, runtimes: ['node'] });
    try {
      await expect(engine.cancelMessages()).resolves.toBeUndefined();
    } finally {
      await engine.close();
    }
  });
});
