import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import type { ModelId } from '../../../../src/shared/models';
import type { RunEvent } from '../../../../src/shared/run-events';
import { builtScripts } from '../../../helpers/built';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'], maxWorkers: 8 });
afterAll(() => engine.close());

describe('how a measurement is taken', () => {
  it('starts the clock after the pool is started and warmed: start-up never enters wallMs', async () => {
    const run = await engine.run({
      workload: 'cpu.primes',
      params: { limit: 200_000 },
      taskCount: 16,
      models: [{ model: 'child-process', workers: 2 }],
    });
    const result = run.results[0]!;
    // Process spawn takes tens of ms: enough to tell the work from the start-up.
    expect(result.startupMs).toBeGreaterThan(10);
    // Timeline times count from the spawn; the first task is dispatched after start-up.
    const firstStart = Math.min(...result.timeline.map((e) => e.startMs));
    const lastEnd = Math.max(...result.timeline.map((e) => e.endMs));
    expect(firstStart).toBeGreaterThanOrEqual(result.startupMs - 1);
    expect(result.wallMs).toBeLessThanOrEqual(lastEnd - result.startupMs + 50);
    expect(result.wallMs).toBeGreaterThanOrEqual(lastEnd - firstStart - 1);
  });

  it('runs rounds with the order of models rotated, and reports median and range', async () => {
    const models: ModelId[] = ['event-loop', 'worker-threads'];
    const starts: string[] = [];
    const run = await engine.run(
      {
        workload: 'cpu.primes',
        params: { limit: 100_000 },
        taskCount: 8,
        rounds: 3,
        models: models.map((model) => ({ model, workers: 1 })),
      },
      { onEvent: (e: RunEvent) => void (e.type === 'model-start' && starts.push(e.model)) },
    );
    expect(starts).toEqual([
      'event-loop',
      'worker-threads',
      'worker-threads',
      'event-loop',
      'event-loop',
      'worker-threads',
    ]);
    for (const result of run.results) {
      expect(result.rounds).toBe(3);
      expect(result.roundWallMs).toHaveLength(3);
      expect(result.wallMsMin).toBeLessThanOrEqual(result.wallMs);
      expect(result.wallMs).toBeLessThanOrEqual(result.wallMsMax);
      expect(result.verified).toBe(true);
    }
    expect(run.verdict).toMatch(/3 rounds/);
  });

  it('sizes a run with no size of its own, and tells the estimate first', async () => {
    const events: RunEvent[] = [];
    const run = await engine.run(
      {
        workload: 'cpu.primes',
        params: {},
        targetS: 0.3,
        models: [{ model: 'worker-threads', workers: 2 }],
      },
      { onEvent: (e: RunEvent) => void events.push(e) },
    );
    const estimate = events.find((e) => e.type === 'estimate');
    expect(estimate?.type === 'estimate' && estimate.estimate.isSized).toBe(true);
    expect(run.estimate?.params).toEqual(run.config.params);
    expect(run.config.taskCount).toBeGreaterThanOrEqual(16);
    expect(run.results[0]!.verified).toBe(true);
    // The estimate comes before any model starts.
    expect(events.findIndex((e) => e.type === 'estimate')).toBeLessThan(
      events.findIndex((e) => e.type === 'model-start'),
    );
  });

  it.skipIf(process.platform !== 'linux')(
    'flags a run while another process keeps a core busy, and says why',
    async () => {
      // A real busy loop pinned to core 0, outside the run: other load the engine must see.
      const burner: ChildProcess = spawn(
        'taskset',
        ['-c', '0', process.execPath, '-e', 'for(;;){}'],
        {
          stdio: 'ignore',
        },
      );
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const run = await engine.run({
          workload: 'cpu.primes',
          params: { limit: 400_000 },
          taskCount: 16,
          models: [{ model: 'worker-threads', workers: 1 }],
        });
        const flagged = [run.interference, run.results[0]!.interference];
        for (const interference of flagged) {
          expect(interference?.flagged).toBe(true);
          expect(interference?.otherLoadCores).toBeGreaterThan(0.6);
          expect(interference?.reasons.join(' ')).toMatch(/other programs (already )?used/);
        }
      } finally {
        burner.kill('SIGKILL');
      }
    },
  );
});
