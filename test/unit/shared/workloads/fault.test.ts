import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import {
  faultExitWorkload,
  faultFloodWorkload,
  faultHangWorkload,
  faultOomWorkload,
  faultThrowWorkload,
  FAULT_WORKLOADS,
} from '../../../../src/shared/workloads/fault';
import type { TaskEnv } from '../../../../src/shared/workloads/types';
import { foldTasks, instantEnv } from './fold-tasks';

/** Resolves with 'pending' if the promise has not settled within `ms`. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    promise.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise((resolve) => setTimeout(() => resolve('pending'), ms)),
  ]);
}

describe('fault workloads', () => {
  it.each(FAULT_WORKLOADS.map((w) => [w.id, w] as const))(
    '%s verifies like any workload when its fault is out of reach',
    async (_id, workload) => {
      const params = { every: 100, exitAt: 99, hangAt: 99, oomAt: 99, linesPerTask: 0, taskMs: 0 };
      const own = Object.fromEntries(
        workload.params.map((spec) => [spec.name, params[spec.name as keyof typeof params]]),
      );
      const env: TaskEnv = { ...instantEnv, log: () => undefined };
      const { checksum } = await foldTasks(workload, own, 12, env);
      expect(checksum).toBe(workload.reference(own, 12));
      expect(workload.kind).toBe('fault');
    },
  );

  it('fault.throw fails exactly the tasks with i % every = every − 1', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        Promise.resolve(faultThrowWorkload.runTask({ every: 3, taskMs: 0 }, i, 9, instantEnv)).then(
          () => 'ok',
          (error: LabError) => `${error.code}: ${error.message}`,
        ),
      ),
    );
    expect(outcomes.map((o, i) => (o === 'ok' ? '.' : i)).join('')).toBe('..2..5..8');
    expect(outcomes[2]).toBe('task-failed: fault.throw: task 2 threw on purpose');
  });

  it('fault.exit asks its worker to exit with the code and never answers', async () => {
    const codes: number[] = [];
    const env: TaskEnv = { ...instantEnv, exitWorker: (code) => void codes.push(code) };
    const answer = faultExitWorkload.runTask({ exitAt: 1, exitCode: 7, taskMs: 0 }, 1, 4, env);
    expect(await settledWithin(Promise.resolve(answer), 50)).toBe('pending');
    expect(codes).toEqual([7]);
  });

  it('fault.exit refuses to run where the worker is the engine itself', async () => {
    await expect(faultExitWorkload.runTask({ exitAt: 0 }, 0, 1, instantEnv)).rejects.toThrow(
      "fault.exit cannot run here: a worker here is the engine's own thread",
    );
  });

  it('fault.hang awaits for ever on its task, without a timer or a busy loop', async () => {
    const hung = faultHangWorkload.runTask({ hangAt: 2, taskMs: 0 }, 2, 4, instantEnv);
    // The event loop is free while it hangs: this timer fires on time.
    const startMs = performance.now();
    expect(await settledWithin(Promise.resolve(hung), 50)).toBe('pending');
    expect(performance.now() - startMs).toBeLessThan(500);
    await expect(
      faultHangWorkload.runTask({ hangAt: 2, taskMs: 0 }, 1, 4, instantEnv),
    ).resolves.toEqual(expect.any(Number));
  });

  it('fault.oom refuses to run on a worker without a heap limit of its own', async () => {
    await expect(faultOomWorkload.runTask({ oomAt: 0 }, 0, 1, instantEnv)).rejects.toThrow(
      'fault.oom cannot run here: this worker has no heap limit of its own',
    );
    expect(faultOomWorkload.runDefaults?.memoryLimitMb).toBe(64);
    expect(faultOomWorkload.needs).toEqual(['memory-limit']);
  });

  it('fault.flood logs every line of every task through the host', async () => {
    const lines: string[] = [];
    const env: TaskEnv = { ...instantEnv, log: (line) => void lines.push(line) };
    await faultFloodWorkload.runTask({ linesPerTask: 1000, taskMs: 0 }, 5, 8, env);
    expect(lines).toHaveLength(1000);
    expect(lines[999]).toBe('task 5: line 999');
  });
});
