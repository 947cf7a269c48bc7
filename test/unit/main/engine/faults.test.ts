/**
 * Every fault workload on every Node model where it applies: the result names the task and
 * worker that failed and why, the other workers go on or stop as the policy says, and no
 * process or thread of the run is left afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import { LabError } from '../../../../src/shared/errors';
import type { ModelId } from '../../../../src/shared/models';
import type { ModelResult } from '../../../../src/shared/results';
import type { RunConfig } from '../../../../src/shared/run-config';
import { builtScripts } from '../../../helpers/built';
import { childPids, threadCount, waitFor } from '../../../helpers/processes';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'], maxWorkers: 8 });
const ISOLATED: ModelId[] = ['worker-threads', 'child-process'];
const ALL: ModelId[] = ['event-loop', ...ISOLATED];
/** Threads a finished run may leave for a moment (a terminating worker's) before the check. */
const CLEANUP_MS = 3000;
let baselineThreads: number | null = null;

beforeAll(async () => {
  // Warm up first: the first runs start libuv's thread pool, which then stays for good.
  await engine.run({
    workload: 'io.file',
    taskCount: 4,
    models: ALL.map((model) => ({ model, workers: 2 })),
  });
  await waitFor(() => childPids().length === 0, CLEANUP_MS);
  baselineThreads = threadCount();
});
afterAll(() => engine.close());

/** Runs one model and checks that nothing of the run is left: no child, no extra thread. */
async function runClean(config: Omit<RunConfig, 'models'>, model: ModelId): Promise<ModelResult> {
  const run = await engine.run({ ...config, models: [{ model, workers: 2 }] });
  expect(await waitFor(() => childPids().length === 0, CLEANUP_MS), 'child processes left').toBe(
    true,
  );
  if (baselineThreads !== null) {
    const isBack = await waitFor(() => threadCount()! <= baselineThreads!, CLEANUP_MS);
    expect(isBack, `threads ${threadCount()} > baseline ${baselineThreads}`).toBe(true);
  }
  return run.results[0]!;
}

describe('fault.throw', () => {
  it.each(ALL)('on %s: names each failed task and worker; the rest complete', async (model) => {
    const result = await runClean(
      { workload: 'fault.throw', params: { every: 4, taskMs: 5 }, taskCount: 8 },
      model,
    );
    expect(result.failures.map((f) => f.taskIndex)).toEqual([3, 7]);
    for (const failure of result.failures) {
      expect(failure.worker).toBeOneOf([0, 1]);
      expect(failure.error).toMatchObject({
        code: 'task-failed',
        message: `fault.throw: task ${failure.taskIndex} threw on purpose`,
      });
    }
    expect(result.tasksDone).toBe(6);
    expect(result.isPartial).toBe(true);
  });

  it.each(ALL)('on %s under fail-fast: the run stops at the first failure', async (model) => {
    const result = await runClean(
      {
        workload: 'fault.throw',
        params: { every: 3, taskMs: 20 },
        taskCount: 30,
        failurePolicy: 'fail-fast',
      },
      model,
    );
    expect(result.failures[0]).toMatchObject({ taskIndex: 2 });
    // Two workers at 20 ms a task finish a handful more at most before they stop.
    expect(result.tasksDone).toBeLessThan(8);
  });
});

describe('fault.exit', () => {
  it.each(ISOLATED)(
    'on %s: reports the worker and its task; the other worker goes on',
    async (model) => {
      const result = await runClean(
        { workload: 'fault.exit', params: { exitAt: 2, exitCode: 3, taskMs: 10 }, taskCount: 10 },
        model,
      );
      expect(result.failures).toHaveLength(1);
      const [failure] = result.failures;
      expect(failure!.taskIndex).toBe(2);
      expect(failure!.error).toMatchObject({
        code: 'worker-crashed',
        message: `worker ${failure!.worker} exited with code 3`,
      });
      expect(result.tasksDone).toBe(9);
    },
  );

  it.each(ISOLATED)('on %s under fail-fast: the other worker stops too', async (model) => {
    const result = await runClean(
      {
        workload: 'fault.exit',
        params: { exitAt: 2, taskMs: 20 },
        taskCount: 40,
        failurePolicy: 'fail-fast',
      },
      model,
    );
    expect(result.error?.message).toMatch(/^worker \d exited with code 3$/);
    expect(result.tasksDone).toBeLessThan(10);
  });

  it('is refused on the event loop, whose tasks all share one thread', async () => {
    const error = await engine
      .run({ workload: 'fault.exit', models: [{ model: 'event-loop', workers: 1 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: 'fault.exit would end the one thread that every event-loop task shares (event-loop)',
    });
  });
});

describe('fault.hang', () => {
  it.each(ALL)('on %s: the task timeout ends the hung task and its worker', async (model) => {
    const startMs = performance.now();
    const result = await runClean(
      {
        workload: 'fault.hang',
        params: { hangAt: 2, taskMs: 10 },
        taskCount: 10,
        taskTimeoutMs: 300,
      },
      model,
    );
    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures;
    expect(failure).toMatchObject({ taskIndex: 2, error: { code: 'timeout' } });
    expect(failure!.error.message).toBe(
      `task 2 on worker ${failure!.worker} did not finish within 300 ms (taskTimeoutMs); ` +
        'the worker was stopped',
    );
    expect(result.tasksDone).toBe(9);
    expect(performance.now() - startMs).toBeLessThan(5000);
  });

  it('uses the workload’s own 2 s timeout when the config gives none', async () => {
    const run = await engine.run({
      workload: 'fault.hang',
      params: { hangAt: 0, taskMs: 0 },
      taskCount: 1,
      models: [{ model: 'event-loop', workers: 1 }],
    });
    expect(run.config.taskTimeoutMs).toBe(2000);
    expect(run.results[0]!.error?.message).toMatch(/within 2000 ms/);
  });
});

describe('fault.oom', () => {
  it.each(ISOLATED)(
    'on %s: the worker dies at its heap limit; the other goes on',
    async (model) => {
      const result = await runClean(
        { workload: 'fault.oom', params: { oomAt: 2, taskMs: 10 }, taskCount: 10 },
        model,
      );
      expect(result.failures).toHaveLength(1);
      const [failure] = result.failures;
      expect(failure!.taskIndex).toBe(2);
      expect(failure!.error).toMatchObject({
        code: 'worker-crashed',
        message: `worker ${failure!.worker} ran out of memory (limit 64 MiB)`,
      });
      expect(result.tasksDone).toBe(9);
    },
  );

  it('is refused on the event loop, whose tasks all share one heap', async () => {
    await expect(
      engine.run({ workload: 'fault.oom', models: [{ model: 'event-loop', workers: 1 }] }),
    ).rejects.toThrow(
      'fault.oom would end the one thread that every event-loop task shares (event-loop)',
    );
  });
});

describe('fault.flood', () => {
  it.each(ALL)('on %s: the host stays responsive and counts every dropped line', async (model) => {
    // A 10 ms timer on the engine's thread: its worst lateness is how long the host froze.
    let worstLateMs = 0;
    let lastMs = performance.now();
    const ticker = setInterval(() => {
      const nowMs = performance.now();
      worstLateMs = Math.max(worstLateMs, nowMs - lastMs - 10);
      lastMs = nowMs;
    }, 10);
    const result = await runClean(
      { workload: 'fault.flood', params: { linesPerTask: 200_000, taskMs: 0 }, taskCount: 4 },
      model,
    ).finally(() => clearInterval(ticker));
    expect(result.verified).toBe(true);
    const logs = result.workerLogs!;
    expect(logs.kept.length).toBeLessThanOrEqual(20);
    expect(logs.kept.length + logs.droppedCount).toBe(800_000);
    // Every model floods from a thread of its own, the event loop's included: the engine's
    // loop only receives the (budgeted) lines, so it never stalls.
    expect(worstLateMs).toBeLessThan(200);
  });
});
