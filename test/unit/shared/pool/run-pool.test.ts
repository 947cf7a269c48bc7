import { describe, expect, it } from 'vitest';
import { createInProcessWorker } from '../../../../src/shared/pool/in-process-worker';
import {
  runPool,
  type PoolWorker,
  type RunPoolOptions,
  type WorkerExit,
} from '../../../../src/shared/pool/run-pool';
import type { HostMessage, WorkerMessage } from '../../../../src/shared/protocol';
import { getWorkload } from '../../../../src/shared/workloads/registry';

const sleepEnv = () => ({ sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) });

function options(overrides: Partial<RunPoolOptions>): RunPoolOptions {
  const params = { limit: 20_000 };
  return {
    runId: 'run-1',
    model: 'event-loop',
    workers: 3,
    workload: 'cpu.primes',
    params,
    taskCount: 50,
    io: {},
    spawn: () => createInProcessWorker(sleepEnv),
    expectedChecksum: getWorkload('cpu.primes').reference(params, 50),
    ...overrides,
  };
}

/** A worker that answers each task in 1 ms or, if `isDoomed`, dies 50 ms into its first. */
function scriptedWorker(isDoomed: boolean): PoolWorker {
  let toHost: (m: WorkerMessage) => void = () => {};
  let onExit: (e: WorkerExit) => void = () => {};
  let isDead = false;
  const die = (exit: WorkerExit): void => {
    if (isDead) return;
    isDead = true;
    setTimeout(() => onExit(exit), 0);
  };
  return {
    post(message: HostMessage) {
      if (isDead) return;
      setTimeout(() => {
        if (isDead) return;
        if (message.type === 'init')
          toHost({ type: 'ready', runId: message.runId, worker: message.worker, pid: 1 });
        if (message.type === 'task') {
          if (isDoomed) return void setTimeout(() => die({ code: 3, signal: null }), 50);
          const now = performance.timeOrigin + performance.now();
          toHost({
            type: 'result',
            runId: message.runId,
            taskIndex: message.taskIndex,
            checksum: 1,
            startEpochMs: now,
            endEpochMs: now + 5,
          });
        }
        if (message.type === 'stop') die({ code: 0, signal: null });
      }, 1);
    },
    onMessage: (listener) => (toHost = listener),
    onExit: (listener) => (onExit = listener),
    kill: () => die({ code: null, signal: 'SIGKILL' }),
  };
}

describe('runPool', () => {
  it('runs every task exactly once and matches the reference checksum', async () => {
    const outcome = await runPool(options({}));
    expect(outcome.verified).toBe(true);
    expect(outcome.tasksDone).toBe(50);
    expect(outcome.timeline.map((e) => e.taskIndex).sort((a, b) => a - b)).toEqual([
      ...Array(50).keys(),
    ]);
    expect(outcome.isPartial).toBe(false);
  });

  it('sends tiny tasks one ahead yet never loses or repeats one', async () => {
    const params = { limit: 5_000 };
    const outcome = await runPool(
      options({
        taskCount: 2_000,
        params,
        expectedChecksum: getWorkload('cpu.primes').reference(params, 2_000),
      }),
    );
    expect(outcome.verified).toBe(true);
    expect(new Set(outcome.timeline.map((e) => e.taskIndex)).size).toBe(2_000);
  });

  it('ends, partial, when the worker holding the last task dies', async () => {
    const outcome = await runPool(
      options({
        workers: 2,
        taskCount: 6,
        spawn: (i) => scriptedWorker(i === 0),
        expectedChecksum: null,
      }),
    );
    // Worker 1 finished tasks 1..5 and went idle long before worker 0 died holding task 0.
    expect(outcome.isPartial).toBe(true);
    expect(outcome.tasksDone).toBe(5);
    expect(outcome.failures.map((f) => f.taskIndex)).toEqual([0]);
    expect(outcome.error?.message).toMatch(/worker 0 exited with code 3/);
  });

  it('reports a task that throws and carries on under the continue policy', async () => {
    const outcome = await runPool(
      options({ workload: 'io.file', taskCount: 4, expectedChecksum: null }),
    );
    // No file access in this environment: every task fails with the kernel's message.
    expect(outcome.failures).toHaveLength(4);
    expect(outcome.failures[0]!.error.message).toMatch(/io.file needs file access/);
    expect(outcome.isPartial).toBe(true);
  });

  it('stops at the first failure under fail-fast', async () => {
    const outcome = await runPool(
      options({
        workload: 'io.file',
        workers: 1,
        taskCount: 10,
        failurePolicy: 'fail-fast',
        expectedChecksum: null,
      }),
    );
    expect(outcome.failures).toHaveLength(1);
  });

  it('a signal that is already aborted ends the run at once', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await runPool(options({ signal: controller.signal }));
    expect(outcome.tasksDone).toBe(0);
    expect(outcome.error?.message).toMatch(/cancelled/);
  });
});
