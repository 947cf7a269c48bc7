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
        if (message.type === 'warmup') toHost({ type: 'warm', runId: message.runId });
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

  it('queues queueAheadMs of work at each worker, and still runs every task once', async () => {
    const params = { limit: 200_000 };
    /** The most tasks any one worker had sent and not yet answered. */
    const deepest = async (queueAheadMs?: number): Promise<number> => {
      let most = 0;
      const outcome = await runPool(
        options({
          workers: 2,
          taskCount: 400,
          params,
          expectedChecksum: getWorkload('cpu.primes').reference(params, 400),
          queueAheadMs,
          spawn: () => {
            const worker = createInProcessWorker(sleepEnv);
            let outstanding = 0;
            return {
              ...worker,
              post: (message) => {
                if (message.type === 'task') most = Math.max(most, ++outstanding);
                worker.post(message);
              },
              onMessage: (listener) =>
                worker.onMessage((message) => {
                  if (message.type === 'result') outstanding--;
                  listener(message);
                }),
            };
          },
        }),
      );
      expect(outcome.verified).toBe(true);
      expect(new Set(outcome.timeline.map((e) => e.taskIndex)).size).toBe(400);
      return most;
    };
    expect(await deepest()).toBeLessThanOrEqual(2);
    expect(await deepest(20)).toBeGreaterThan(4);
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

/** A worker driven by a script of what it does on each message; kill ends it after `exitDelayMs`. */
function puppetWorker(script: {
  onTask(taskIndex: number, say: (message: WorkerMessage) => void): void;
  exitDelayMs?: number;
  exitWith?: WorkerExit;
}): PoolWorker {
  let toHost: (m: WorkerMessage) => void = () => {};
  let onExit: (e: WorkerExit) => void = () => {};
  let isDead = false;
  const die = (exit: WorkerExit, delayMs: number): void => {
    if (isDead) return;
    isDead = true;
    setTimeout(() => onExit(exit), delayMs);
  };
  return {
    post(message: HostMessage) {
      setTimeout(() => {
        if (message.type === 'init')
          toHost({ type: 'ready', runId: message.runId, worker: message.worker, pid: 1 });
        if (message.type === 'warmup') toHost({ type: 'warm', runId: message.runId });
        if (message.type === 'task') script.onTask(message.taskIndex, (m) => toHost(m));
        if (message.type === 'stop') die({ code: 0, signal: null }, 0);
      }, 1);
    },
    onMessage: (listener) => (toHost = listener),
    onExit: (listener) => (onExit = listener),
    kill: () => die(script.exitWith ?? { code: null, signal: 'SIGKILL' }, script.exitDelayMs ?? 0),
  };
}

const now = (): number => performance.timeOrigin + performance.now();

describe('runPool under faults', () => {
  it('fails a task past its timeout, naming task and worker; the others finish the run', async () => {
    const outcome = await runPool(
      options({
        workload: 'fault.hang',
        params: { hangAt: 3, taskMs: 5 },
        workers: 2,
        taskCount: 8,
        taskTimeoutMs: 200,
        expectedChecksum: null,
      }),
    );
    expect(outcome.failures).toHaveLength(1);
    const [failure] = outcome.failures;
    expect(failure).toMatchObject({ taskIndex: 3, error: { code: 'timeout' } });
    expect(failure!.error.message).toBe(
      `task 3 on worker ${failure!.worker} did not finish within 200 ms (taskTimeoutMs); ` +
        'the worker was stopped',
    );
    expect(outcome.tasksDone).toBe(7);
    expect(outcome.isPartial).toBe(true);
    expect(outcome.timeline.find((e) => e.taskIndex === 3)).toMatchObject({ isOk: false });
    expect(outcome.wallMs).toBeLessThan(1500);
  });

  it('stops the whole run at a timeout under fail-fast', async () => {
    const outcome = await runPool(
      options({
        workload: 'fault.hang',
        params: { hangAt: 0, taskMs: 50 },
        workers: 2,
        taskCount: 40,
        taskTimeoutMs: 200,
        failurePolicy: 'fail-fast',
        expectedChecksum: null,
      }),
    );
    expect(outcome.error?.code).toBe('timeout');
    // The other worker got through about 200 / 50 tasks before the stop, not all 39.
    expect(outcome.tasksDone).toBeLessThan(10);
  });

  it('ignores what a worker says after it was stopped for a timeout', async () => {
    const outcome = await runPool(
      options({
        workers: 1,
        taskCount: 1,
        taskTimeoutMs: 50,
        expectedChecksum: null,
        spawn: () =>
          puppetWorker({
            // Answers at 150 ms, after the timeout but before its kill takes effect.
            onTask: (taskIndex, say) =>
              setTimeout(() => {
                const end = now();
                say({
                  type: 'result',
                  runId: 'run-1',
                  taskIndex,
                  checksum: 1,
                  startEpochMs: end - 150,
                  endEpochMs: end,
                });
              }, 150),
            exitDelayMs: 300,
          }),
      }),
    );
    expect(outcome.tasksDone).toBe(0);
    expect(outcome.failures.map((f) => [f.taskIndex, f.error.code])).toEqual([[0, 'timeout']]);
  });

  it('reports a worker that ran out of memory with its heap limit', async () => {
    const outcome = await runPool(
      options({
        workers: 1,
        taskCount: 2,
        expectedChecksum: null,
        spawn: () => {
          let exitListener: (exit: WorkerExit) => void = () => {};
          const worker = puppetWorker({
            onTask: () =>
              setTimeout(() => exitListener({ code: 1, signal: null, outOfMemoryLimitMb: 64 }), 5),
          });
          return { ...worker, onExit: (listener) => (exitListener = listener) };
        },
      }),
    );
    expect(outcome.failures[0]).toMatchObject({
      taskIndex: 0,
      worker: 0,
      error: { code: 'worker-crashed', message: 'worker 0 ran out of memory (limit 64 MiB)' },
    });
  });

  it('keeps the first log lines and counts the rest of a worker that ignores its budget', async () => {
    const outcome = await runPool(
      options({
        workers: 1,
        taskCount: 1,
        expectedChecksum: null,
        spawn: () =>
          puppetWorker({
            onTask(taskIndex, say) {
              for (let i = 0; i < 5000; i++) say({ type: 'log', runId: 'run-1', message: `${i}` });
              say({ type: 'log', runId: 'run-1', message: '', dropped: 100 });
              const end = now();
              say({
                type: 'result',
                runId: 'run-1',
                taskIndex,
                checksum: 1,
                startEpochMs: end,
                endEpochMs: end,
              });
            },
          }),
      }),
    );
    expect(outcome.workerLogs?.kept).toHaveLength(20);
    expect(outcome.workerLogs?.kept[0]).toEqual({ worker: 0, message: '0' });
    expect(outcome.workerLogs?.droppedCount).toBe(5000 - 20 + 100);
  });

  it("holds a flooding kernel to the worker's log budget and accounts for every line", async () => {
    const outcome = await runPool(
      options({
        workload: 'fault.flood',
        params: { linesPerTask: 10_000, taskMs: 0 },
        workers: 1,
        taskCount: 3,
        expectedChecksum: null,
      }),
    );
    expect(outcome.tasksDone).toBe(3);
    const logs = outcome.workerLogs!;
    expect(logs.kept).toHaveLength(20);
    expect(logs.kept.length + logs.droppedCount).toBe(30_000);
  });
});
