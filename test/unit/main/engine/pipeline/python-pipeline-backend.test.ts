/**
 * The pipeline in Python's three models, through the engine: every event exactly once and
 * in order per producer, nothing lost on a graceful or forced stop, no process left behind,
 * and the same random walk and work kernel as the JavaScript participants.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../../src/main/engine/lab-engine';
import { detectPython } from '../../../../../src/main/engine/python-detect';
import type { PythonModelId } from '../../../../../src/main/engine/python-protocol';
import type { LabEvent } from '../../../../../src/shared/lab-api';
import type { PipelineConfig } from '../../../../../src/shared/pipeline/pipeline-config';
import { createRandomWalk } from '../../../../../src/shared/pipeline/pipeline-event';
import type { PipelineResult } from '../../../../../src/shared/pipeline/pipeline-result';
import { pipelineWork } from '../../../../../src/shared/pipeline/pipeline-work';
import { builtScripts } from '../../../../helpers/built';
import { childPids, waitFor } from '../../../../helpers/processes';

const python = await detectPython();
if (!python.available) console.warn(`skipping the Python pipeline tests: ${python.reason}`);

const script = resolve('out/python');
const engine = createLabEngine({
  workerScripts: { ...builtScripts, python: script },
  runtimes: ['node'],
});
afterAll(() => engine.close());

const MODELS: { model: PythonModelId; transport: string; queue: string }[] = [
  { model: 'python-multiprocessing', transport: 'message-passing', queue: 'multiprocessing.Queue' },
  { model: 'python-threading', transport: 'shared-memory', queue: 'queue.Queue' },
  { model: 'python-asyncio', transport: 'async-queue', queue: 'asyncio.Queue' },
];

const base = {
  producers: 3,
  consumers: 2,
  intervalMs: 0,
  capacity: 8,
  workPerEvent: 2,
  durationS: 1,
} satisfies Omit<PipelineConfig, 'model'>;

/** Starts a pipeline, optionally stops it after `stopAfterMs`, and waits for its result. */
async function runPipeline(
  config: PipelineConfig,
  stop?: { afterMs: number; force: boolean },
): Promise<PipelineResult> {
  let runId = '';
  let unsubscribe: () => void = () => undefined;
  const ended = new Promise<PipelineResult>((resolveResult, reject) => {
    unsubscribe = engine.onEvent((event: LabEvent) => {
      if (event.runId !== runId) return;
      if (event.type === 'pipeline-done') resolveResult(event.result);
      if (event.type === 'run-failed') reject(new Error(event.error.message));
    });
  });
  ({ runId } = await engine.startPipeline(config));
  if (stop) {
    await new Promise((r) => setTimeout(r, stop.afterMs));
    if (stop.force) await engine.stopPipeline(runId);
    await engine.stopPipeline(runId, { force: stop.force });
  }
  return ended.finally(unsubscribe);
}

describe.skipIf(!python.available)('the pipeline in the Python models', () => {
  it('walks and works exactly as the JavaScript participants do', () => {
    const program = [
      'import json, sys',
      'sys.path.insert(0, sys.argv[1])',
      'from corelab import kernels as w',
      'walks = [[(lambda r: [r.next() for _ in range(200)])(w.RandomWalk(s, p)) for p in range(4)] for s in (0, 1, 4294967295)]',
      'work = [w.pipeline_work(v, r) for v in (0, 17, 255) for r in (0, 1, 3)]',
      'print(json.dumps({"walks": walks, "work": work}))',
    ].join('\n');
    const out = JSON.parse(
      execFileSync(python.path, ['-c', program, script], { encoding: 'utf8' }),
    ) as { walks: number[][][]; work: number[] };
    const walks = [0, 1, 0xffffffff].map((seed) =>
      [0, 1, 2, 3].map((producer) => {
        const walk = createRandomWalk(seed, producer);
        return Array.from({ length: 200 }, () => walk.next());
      }),
    );
    expect(out.walks).toEqual(walks);
    expect(out.work).toEqual([0, 17, 255].flatMap((v) => [0, 1, 3].map((r) => pipelineWork(v, r))));
  });

  for (const { model, transport, queue } of MODELS) {
    it(`${model} delivers every event exactly once, in order, through a ${queue}`, async () => {
      const result = await runPipeline({ ...base, model });
      expect(result.error).toBeNull();
      expect(result.stopReason).toBe('duration');
      expect(result.transport).toBe(transport);
      expect(result.transportNote).toContain(queue);
      const { totals } = result;
      expect(totals.produced).toBeGreaterThan(100);
      expect(totals.consumed).toBe(totals.produced);
      expect(totals.leftInQueue).toBe(0);
      expect(totals.lost).toBe(0);
      expect(totals.duplicates).toBe(0);
      expect(totals.outOfOrder).toBe(0);
      expect(totals.maxDepth).toBeGreaterThan(0);
      expect(totals.maxDepth).toBeLessThanOrEqual(base.capacity);
      expect(result.samples.length).toBeGreaterThan(2);
      expect(Math.max(...result.samples.map((s) => s.consumedPerSec))).toBeGreaterThan(0);
      console.info(`${model}: ${Math.round(totals.consumedPerSec)} events/s`);
    }, 30_000);

    it(`${model} stops gracefully on Stop and drains the queue`, async () => {
      const result = await runPipeline(
        { ...base, model, durationS: null, workPerEvent: 20 },
        { afterMs: 700, force: false },
      );
      expect(result.stopReason).toBe('stopped');
      expect(result.totals.produced).toBeGreaterThan(0);
      expect(result.totals.consumed).toBe(result.totals.produced);
      expect(result.totals.lost).toBe(0);
      expect(result.totals.duplicates).toBe(0);
      await waitFor(() => childPids().length === 0, 3000);
    }, 30_000);

    it(`${model} on a forced stop keeps the queued events, losing none`, async () => {
      const result = await runPipeline(
        { ...base, model, durationS: null, consumers: 1, capacity: 32, workPerEvent: 300 },
        { afterMs: 700, force: true },
      );
      expect(result.stopReason).toBe('forced');
      expect(result.totals.leftInQueue).toBeGreaterThan(0);
      expect(result.totals.lost).toBe(0);
      expect(result.totals.terminated).toBe(0);
      await waitFor(() => childPids().length === 0, 3000);
    }, 30_000);
  }
});
