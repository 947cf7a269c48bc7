/**
 * One owner for every thread and process a run starts (issue 14, item 1): a cancel during
 * the reference checksum ends its thread, and closing the engine ends whatever a run still
 * has, within a second, with real threads and processes counted from the OS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import type { LabEvent } from '../../../../src/shared/lab-api';
import { builtScripts } from '../../../helpers/built';
import { childPids, threadCount, waitFor } from '../../../helpers/processes';

/** A reference checksum that takes a core for 40 s or more (the reproduction). */
const SLOW_REFERENCE = {
  workload: 'cpu.hash',
  params: { bufferBytes: 16_777_216, rounds: 1000 },
  taskCount: 100,
};
const STOP_WITHIN_MS = 1000;

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'], maxWorkers: 8 });
let baselineThreads: number | null = null;

beforeAll(async () => {
  // Warm up first: the first runs start libuv's thread pool, which then stays for good.
  await engine.run({
    workload: 'io.file',
    taskCount: 4,
    models: [{ model: 'worker-threads', workers: 2 }],
  });
  await waitFor(() => childPids().length === 0, 3000);
  baselineThreads = threadCount();
});
afterAll(() => engine.close());

/** True once this process has more threads than at the baseline (a run's thread started). */
const hasExtraThread = (): boolean => threadCount()! > baselineThreads!;
const isBackToBaseline = (): boolean => threadCount()! <= baselineThreads!;

describe.skipIf(threadCount() === null)('threads and processes of a run', () => {
  it('five start-and-cancel cycles in the reference phase leave no thread running', async () => {
    for (let cycle = 0; cycle < 5; cycle++) {
      const ended = new Promise<LabEvent>((resolve) => {
        const off = engine.onEvent((event) => {
          if (event.type === 'run-failed' || event.type === 'run-done') {
            off();
            resolve(event);
          }
        });
      });
      const { runId } = await engine.startRun({
        ...SLOW_REFERENCE,
        models: [{ model: 'worker-threads', workers: 1 }],
      });
      expect(await waitFor(hasExtraThread, 5000), 'the reference thread started').toBe(true);
      const cancelledAt = performance.now();
      await engine.cancel(runId);
      await ended;
      const isBack = await waitFor(isBackToBaseline, STOP_WITHIN_MS);
      expect(isBack, `cycle ${cycle}: threads ${threadCount()} > ${baselineThreads}`).toBe(true);
      expect(performance.now() - cancelledAt).toBeLessThan(STOP_WITHIN_MS + 200);
    }
  });

  it("close() ends a run's reference thread within a second, though the run has no signal", async () => {
    const other = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
    const running = other
      .run({ ...SLOW_REFERENCE, models: [{ model: 'worker-threads', workers: 1 }] })
      .catch((error: unknown) => error);
    expect(await waitFor(hasExtraThread, 5000)).toBe(true);
    const closedAt = performance.now();
    await other.close();
    expect(performance.now() - closedAt).toBeLessThan(STOP_WITHIN_MS);
    expect(await waitFor(isBackToBaseline, 200), `threads ${threadCount()}`).toBe(true);
    expect(await running).toBeInstanceOf(Error);
  });

  it("close() kills a run's worker processes within a second, though the run has no signal", async () => {
    const other = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
    // Tasks that wait 10 s each: the reference is instant, the workers are busy long after.
    const running = other.run({
      workload: 'io.sleep',
      params: { latencyMs: 10_000 },
      taskCount: 20,
      models: [{ model: 'child-process', workers: 2 }],
    });
    expect(await waitFor(() => childPids().length >= 2, 10_000)).toBe(true);
    const closedAt = performance.now();
    await other.close();
    expect(performance.now() - closedAt).toBeLessThan(STOP_WITHIN_MS);
    expect(childPids()).toEqual([]);
    const run = await running;
    expect(run.results[0]!.isPartial).toBe(true);
  });

  describe.each([
    ['event-loop', 'its host thread'],
    ['worker-threads', 'its threads'],
    ['child-process', 'its processes, one of them stopped (SIGSTOP) and deaf to a halt'],
  ] as const)("close() ends a %s pipeline's participants within a second", (model, what) => {
    it(`ends ${what}`, async () => {
      const other = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
      let samples = 0;
      other.onEvent((event) => {
        if (event.type === 'pipeline-sample') samples++;
      });
      // Endless, with consumers deep in tens of milliseconds of work per event.
      await other.startPipeline({
        model,
        producers: 2,
        consumers: 2,
        intervalMs: 0,
        capacity: 8,
        workPerEvent: 100_000,
        durationS: null,
      });
      expect(await waitFor(() => samples > 0, 15_000), 'the pipeline runs').toBe(true);
      if (model === 'child-process') process.kill(childPids()[0]!, 'SIGSTOP');
      const closedAt = performance.now();
      await other.close();
      const closeMs = performance.now() - closedAt;
      console.log(`${model}: close() took ${closeMs.toFixed(0)} ms`);
      expect(closeMs).toBeLessThan(STOP_WITHIN_MS);
      expect(childPids()).toEqual([]);
      expect(await waitFor(isBackToBaseline, 200), `threads ${threadCount()}`).toBe(true);
    });
  });
});
