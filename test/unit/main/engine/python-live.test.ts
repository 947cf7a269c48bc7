/**
 * Python's pools in live mode (issue 16), on a real interpreter: the shared pull loop drives
 * each Python process, thread or coroutine through the live host, so growing and shrinking
 * mid-run keeps the checksum exact and loses no task, failing tasks are all accounted for, a
 * cancel ends cleanly, a live run through the engine checks every task, and nothing Python
 * started is left in the process table afterwards.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import { createPythonModels } from '../../../../src/main/engine/python-models';
import { detectPython } from '../../../../src/main/engine/python-detect';
import type { PythonModelId } from '../../../../src/main/engine/python-protocol';
import { createSpawnOwner } from '../../../../src/main/engine/spawn-owner';
import type { LabEvent } from '../../../../src/shared/lab-api';
import type { LiveResult } from '../../../../src/shared/live/live-schema';
import { startPool, type PoolHandle } from '../../../../src/shared/pool/run-pool';
import { getWorkload } from '../../../../src/shared/workloads/registry';
import { builtScripts } from '../../../helpers/built';
import { descendantPids, isAlive, waitFor } from '../../../helpers/processes';
import { expectExactAfterResize } from '../../../helpers/resize-checks';

const SCRIPT = resolve('out/python');
const python = await detectPython();
if (!python.available) console.warn(`skipping the Python live tests: ${python.reason}`);

const owner = createSpawnOwner();
const models = createPythonModels(SCRIPT, owner);
await models.ready();
const engine = createLabEngine({
  workerScripts: { ...builtScripts, python: SCRIPT },
  runtimes: ['node'],
  maxWorkers: 4,
});
afterAll(async () => {
  await owner.close();
  await engine.close();
});

const PRIMES = getWorkload('cpu.primes');
const PARAMS = { limit: 400_000 };
const TASKS = 80;
const EXPECTED = PRIMES.reference(PARAMS, TASKS);

function start(
  model: PythonModelId,
  workers: number,
  workload = 'cpu.primes',
  params: Record<string, number> = PARAMS,
  taskCount = TASKS,
) {
  const runner = models.runners.find((r) => r.model === model)!;
  const opened = runner.openLive();
  const controller = new AbortController();
  const pool = startPool({
    runId: `python-live-${model}`,
    model,
    workers,
    workload,
    params,
    taskCount,
    io: {},
    spawn: opened.spawn,
    expectedChecksum: workload === 'cpu.primes' ? EXPECTED : null,
    signal: controller.signal,
  });
  return { pool, finish: () => opened.finish(), cancel: () => controller.abort() };
}

/** Resolves once the pool has handed out `count` more tasks than when called (or all). */
async function afterTasks(pool: PoolHandle, count: number, taskCount = TASKS): Promise<void> {
  const until = Math.min(pool.tasksSent() + count, taskCount);
  await waitFor(() => pool.tasksSent() >= until, 20_000, 5);
}

/** True once no process this test started is left (the host and its pool processes). */
const nothingLeft = (): Promise<boolean> => waitFor(() => descendantPids().length === 0, 3000);

describe
  .skipIf(!python.available)
  .each<PythonModelId>(['python-multiprocessing', 'python-threading', 'python-asyncio'])(
  '%s live pool',
  (model) => {
    it('grows and shrinks mid-run: the checksum stays exact and no task is lost or repeated', async () => {
      const { pool, finish } = start(model, 1);
      expect(await pool.workStarted).not.toBeNull();
      await afterTasks(pool, 8);
      expect(await pool.resize(3)).not.toBeNull();
      expect(pool.activeWorkers()).toBe(3);
      await afterTasks(pool, 20);
      const shrunkAt = await pool.resize(1);
      expect(shrunkAt).not.toBeNull();
      expect(pool.activeWorkers()).toBe(1);
      const outcome = await pool.result;
      await finish();

      expectExactAfterResize(outcome, TASKS, shrunkAt!);
      // Each worker is the model's own: a process of its own, or the one interpreter's.
      const pids = new Set(outcome.pids);
      expect(pids.size).toBe(model === 'python-multiprocessing' ? 3 : 1);
      expect(await nothingLeft()).toBe(true);
      for (const pid of pids) expect(isAlive(pid)).toBe(false);
    });

    it('a resize while every task fails still ends cleanly, every failure accounted for', async () => {
      // io.http without the run's loopback server: each task fails in Python with its reason,
      // at once, so there are many of them for the resizes to land among.
      const failing = 1000;
      const { pool, finish } = start(model, 2, 'io.http', { bytes: 1024, latencyMs: 1 }, failing);
      await afterTasks(pool, 50, failing);
      await pool.resize(4);
      await afterTasks(pool, 50, failing);
      await pool.resize(1);
      const outcome = await pool.result;
      await finish();
      expect(outcome.tasksDone).toBe(0);
      expect(outcome.failures).toHaveLength(failing);
      expect(new Set(outcome.failures.map((f) => f.taskIndex)).size).toBe(failing);
      expect(outcome.failures[0]!.error.message).toMatch(/loopback HTTP server/);
      expect(await nothingLeft()).toBe(true);
    });

    it('a cancel mid-task, right after a grow, leaves no Python process or thread behind', async () => {
      const { pool, finish, cancel } = start(model, 1);
      await afterTasks(pool, 3);
      void pool.resize(3);
      cancel();
      const outcome = await pool.result;
      await finish();
      expect(outcome.error?.code).toBe('cancelled');
      expect(await nothingLeft()).toBe(true);
    });
  },
);

describe.skipIf(!python.available)('a live run of the Python models', () => {
  it('is offered, resizes and changes task size on request, checks every task; Stop leaves nothing behind', async () => {
    const capabilities = await engine.getCapabilities();
    for (const id of ['python-multiprocessing', 'python-threading', 'python-asyncio']) {
      expect(capabilities.models.find((m) => m.id === id)).toMatchObject({
        unavailableReason: null,
        canResize: true,
        resizeReason: null,
      });
    }
    const events: LabEvent[] = [];
    const off = engine.onEvent((event) => events.push(event));
    const seen = (match: (e: LabEvent) => boolean) => waitFor(() => events.some(match), 30_000);
    const { runId } = await engine.startLive({
      workload: 'cpu.primes',
      models: [
        { model: 'python-multiprocessing', workers: 1 },
        { model: 'python-threading', workers: 1 },
      ],
      taskUs: 2000,
    });
    const mine = (e: LabEvent): boolean => e.runId === runId;
    for (const model of ['python-multiprocessing', 'python-threading']) {
      await seen(
        (e) =>
          mine(e) &&
          e.type === 'live-sample' &&
          e.sample.model === model &&
          e.sample.tasksPerSec > 0,
      );
      await engine.setWorkers(runId, model as PythonModelId, 2);
      expect(
        await seen((e) => mine(e) && e.type === 'live-resize' && e.resize.model === model),
      ).toBe(true);
    }
    // The next tasks are cut smaller: each Python worker gets the new size before them.
    await engine.setTaskSize(runId, 500);
    for (const model of ['python-multiprocessing', 'python-threading']) {
      await seen(
        (e) =>
          mine(e) &&
          e.type === 'live-sample' &&
          e.sample.model === model &&
          e.sample.taskUs === 500,
      );
    }
    await new Promise((r) => setTimeout(r, 800));
    await engine.cancel(runId);
    expect(await seen((e) => mine(e) && e.type === 'live-done')).toBe(true);
    off();
    const done = events.find((e) => mine(e) && e.type === 'live-done') as { result: LiveResult };
    for (const result of done.result.models) {
      expect(result.error).toBeNull();
      expect(result.checksumVerified, result.checksumNote ?? '').toBe(true);
      expect(result.checksumNote).toMatch(/all matched; none lost, none run twice/);
      expect(result.resizes).toHaveLength(1);
      expect(result.resizes[0]).toMatchObject({ from: 1, to: 2 });
      expect(result.resizes[0]!.firstTaskAtMs).not.toBeNull();
      expect(result.steps.map((s) => [s.workers, s.taskUs])).toEqual([
        [1, 2000],
        [2, 2000],
        [2, 500],
      ]);
    }
    expect(await nothingLeft()).toBe(true);
  });
});
