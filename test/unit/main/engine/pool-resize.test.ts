/**
 * Resizable pools (issue 16) on real threads, processes and the event loop's host: growing
 * and shrinking mid-run keeps the checksum exact and loses no task, a resize during failing
 * tasks still ends cleanly, and nothing is left running after the run (process table and
 * thread count read from the OS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type PoolHandle, type PoolWorker } from '../../../../src/shared/pool/run-pool';
import { getWorkload } from '../../../../src/shared/workloads/registry';
import { processRunner, threadRunner } from '../../../../src/main/engine/node-runners';
import { threadEventLoopRunner } from '../../../../src/main/engine/event-loop-runner';
import type { RunWorkers } from '../../../../src/main/engine/runner';
import { builtHost } from '../../../helpers/built';
import { childPids, threadCount, waitFor } from '../../../helpers/processes';
import { expectExactAfterResize } from '../../../helpers/resize-checks';

type NodeModel = 'worker-threads' | 'child-process' | 'event-loop';

/** The model's workers as the engine opens them for one run. */
function openWorkers(model: NodeModel): RunWorkers {
  if (model === 'event-loop') return threadEventLoopRunner(builtHost('event-loop-host')).openRun();
  const runner =
    model === 'worker-threads'
      ? threadRunner(model, builtHost('worker-thread'))
      : processRunner(model, builtHost('child-process'));
  return { spawn: (index): PoolWorker => runner.spawn(index), finish: async () => ({}) };
}

const PRIMES = getWorkload('cpu.primes');
const PARAMS = { limit: 3_000_000 };
/**
 * Work enough for the run to outlast a shrink asked after 50 tasks on a loaded machine: at
 * 3M the last 190 tasks took about 0.2 s, and a starved test could ask too late.
 */
const RESIZED_PARAMS = { limit: 8_000_000 };
const TASKS = 240;

function start(
  model: NodeModel,
  workers: number,
  workload = 'cpu.primes',
  params: Record<string, number> = PARAMS,
) {
  const opened = openWorkers(model);
  const pool = startPool({
    runId: `resize-${model}`,
    model,
    workers,
    workload,
    params,
    taskCount: TASKS,
    io: {},
    spawn: opened.spawn,
    expectedChecksum: workload === 'cpu.primes' ? PRIMES.reference(params, TASKS) : null,
  });
  return { pool, finish: () => opened.finish() };
}

/** Resolves once the pool has finished `count` more tasks than when called. */
async function afterTasks(pool: PoolHandle, count: number): Promise<void> {
  const from = pool.tasksSent();
  await waitFor(() => pool.tasksSent() >= from + count, 20_000, 5);
}

let baselineThreads: number | null = null;
beforeAll(async () => {
  // libuv's pool and V8's helpers start on first use and stay; count from after one run.
  const { pool, finish } = start('worker-threads', 1);
  await pool.result;
  await finish();
  await waitFor(() => childPids().length === 0, 3000);
  baselineThreads = threadCount();
});

afterAll(async () => {
  expect(await waitFor(() => childPids().length === 0, 3000)).toBe(true);
});

describe.each<NodeModel>(['worker-threads', 'child-process', 'event-loop'])('%s pool', (model) => {
  it('grows and shrinks mid-run: the checksum stays exact and no task is lost or repeated', async () => {
    const { pool, finish } = start(model, 1, 'cpu.primes', RESIZED_PARAMS);
    expect(await pool.workStarted).not.toBeNull();
    await afterTasks(pool, 10);
    const grownAt = await pool.resize(3);
    expect(grownAt).not.toBeNull();
    expect(pool.activeWorkers()).toBe(3);
    await afterTasks(pool, 40);
    const shrunkAt = await pool.resize(1);
    expect(shrunkAt).not.toBeNull();
    expect(pool.activeWorkers()).toBe(1);
    const outcome = await pool.result;
    await finish();

    expectExactAfterResize(outcome, TASKS, shrunkAt!);
  });

  it('a resize while tasks fail still ends cleanly, every failure accounted for', async () => {
    const { pool, finish } = start(model, 2, 'fault.throw', { every: 5 });
    await afterTasks(pool, 12);
    await pool.resize(4);
    await afterTasks(pool, 12);
    await pool.resize(1);
    const outcome = await pool.result;
    await finish();
    expect(outcome.tasksDone + outcome.failures.length).toBe(TASKS);
    expect(outcome.failures.every((f) => f.taskIndex !== null && f.taskIndex % 5 === 4)).toBe(true);
    expect(outcome.failures).toHaveLength(TASKS / 5);
  });
});

describe('an endless pool', () => {
  it('hands out tasks until drained, a warm spare taking the grow; every task answers once, then nothing is left', async () => {
    const opened = openWorkers('child-process');
    const ended: number[] = [];
    const pool = startPool({
      runId: 'endless',
      model: 'child-process',
      workers: 2,
      workload: 'cpu.primes',
      params: { limit: 200_000 },
      taskCount: 16,
      io: {},
      spawn: opened.spawn,
      expectedChecksum: null,
      isEndless: true,
      spareWorkers: 1,
      onTaskEnd: (task) => ended.push(task.taskIndex),
    });
    await pool.workStarted;
    await afterTasks(pool, 100);
    // Let the spare (worker 2) get warm: the grow then takes it without a spawn.
    await new Promise((r) => setTimeout(r, 2000));
    const askedAt = performance.timeOrigin + performance.now();
    const tookAt = await pool.resize(3);
    expect(tookAt).not.toBeNull();
    expect(tookAt! - askedAt).toBeLessThan(150);
    const firstSmall = pool.setTaskSize({ limit: 50_000 }, 8);
    await afterTasks(pool, 100);
    await pool.resize(1);
    pool.drain();
    const outcome = await pool.result;
    expect(outcome.failures).toEqual([]);
    expect(outcome.tasksDone).toBe(pool.tasksSent());
    expect(new Set(ended).size).toBe(ended.length);
    expect(ended.length).toBe(pool.tasksSent());
    expect(pool.tasksSent()).toBeGreaterThan(firstSmall);
    expect(outcome.timeline).toEqual([]);
    expect(await waitFor(() => childPids().length === 0, 3000)).toBe(true);
  });
});

describe.skipIf(threadCount() === null)('after a resized run', () => {
  it('no thread is left behind', async () => {
    const { pool, finish } = start('worker-threads', 1);
    await pool.workStarted;
    await pool.resize(4);
    await pool.resize(2);
    await pool.result;
    await finish();
    expect(await waitFor(() => threadCount()! <= baselineThreads!, 3000)).toBe(true);
  });
});
