import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../../src/main/engine/lab-engine';
import { processPeerSpawner } from '../../../../../src/main/engine/pipeline/node-pipeline-peers';
import { LabError } from '../../../../../src/shared/errors';
import type { LabEvent } from '../../../../../src/shared/lab-api';
import { createBrokerBackend } from '../../../../../src/shared/pipeline/broker-backend';
import type { PipelineConfig } from '../../../../../src/shared/pipeline/pipeline-config';
import type {
  PipelineResult,
  PipelineSample,
} from '../../../../../src/shared/pipeline/pipeline-result';
import { startPipelineRun } from '../../../../../src/shared/pipeline/pipeline-run';
import { builtHost, builtScripts } from '../../../../helpers/built';
import { withLedger } from '../../../../helpers/pipeline-ledger';
import { childPids, waitFor } from '../../../../helpers/processes';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
afterAll(() => engine.close());

const base: PipelineConfig = {
  model: 'event-loop',
  producers: 3,
  consumers: 2,
  intervalMs: 0,
  capacity: 8,
  workPerEvent: 20,
  durationS: 1,
};

const NODE_MODELS = ['event-loop', 'worker-threads', 'child-process'] as const;

/** Starts a pipeline on the engine and collects its samples until it ends. */
async function start(config: PipelineConfig): Promise<{
  runId: string;
  samples: PipelineSample[];
  ended: Promise<PipelineResult>;
}> {
  const samples: PipelineSample[] = [];
  let runId = '';
  let unsubscribe: () => void = () => undefined;
  const ended = new Promise<PipelineResult>((resolve, reject) => {
    unsubscribe = engine.onEvent((event: LabEvent) => {
      if (event.runId !== runId) return;
      if (event.type === 'pipeline-sample') samples.push(event.sample);
      if (event.type === 'pipeline-done') resolve(event.result);
      if (event.type === 'run-failed') reject(new Error(event.error.message));
    });
  });
  ({ runId } = await engine.startPipeline(config));
  return { runId, samples, ended: ended.finally(unsubscribe) };
}

/** Waits until the pipeline has sent `count` samples: it has started and run a while. */
async function samplesArrive(samples: PipelineSample[], count: number): Promise<void> {
  expect(await waitFor(() => samples.length >= count, 15_000)).toBe(true);
}

describe.each(NODE_MODELS)('the engine pipeline on %s', (model) => {
  it('delivers every event exactly once and in order, with live samples', async () => {
    const { samples, ended } = await start({ ...base, model });
    const result = await ended;
    expect(result.error).toBeNull();
    expect(result.model).toBe(model);
    expect(result.totals.produced).toBeGreaterThan(200);
    expect(result.totals).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0, leftInQueue: 0 });
    expect(result.totals.consumed).toBe(result.totals.produced);
    // About four samples a second, each within capacity, all in the result too.
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(result.samples).toEqual(samples);
    for (const sample of samples) expect(sample.depth).toBeLessThanOrEqual(base.capacity);
    expect(result.totals.maxDepth).toBeLessThanOrEqual(base.capacity);
    expect(result.totals.latency.p99Ms).toBeGreaterThanOrEqual(result.totals.latency.p50Ms);
    expect(result.totals.lockWaitMs === null).toBe(model !== 'worker-threads');
  });

  it('drains on Stop and halts on a second Stop, losing nothing either way', async () => {
    // Slow consumers: the queue is full by the time Stop comes.
    const config = {
      ...base,
      model,
      consumers: 1,
      capacity: 16,
      workPerEvent: 4000,
      durationS: null,
    };
    const graceful = await start(config);
    await samplesArrive(graceful.samples, 3);
    await engine.stopPipeline(graceful.runId);
    const drained = await graceful.ended;
    expect(drained.stopReason).toBe('stopped');
    expect(drained.totals).toMatchObject({ leftInQueue: 0, lost: 0, duplicates: 0 });
    expect(drained.totals.maxDepth).toBe(16);
    expect(drained.totals.producerBlockedMs).toBeGreaterThan(0);

    const forced = await start(config);
    await samplesArrive(forced.samples, 3);
    await engine.stopPipeline(forced.runId);
    await engine.stopPipeline(forced.runId, { force: true });
    const halted = await forced.ended;
    expect(halted.stopReason).toBe('forced');
    expect(halted.totals.leftInQueue).toBeGreaterThan(0);
    expect(halted.totals.lost).toBe(0);
    expect(halted.totals.terminated).toBe(0);
    expect(halted.drainMs).toBeLessThan(1000);
  });
});

describe('the child-process pipeline', () => {
  it('passes the independent exactly-once ledger with a tiny queue', async () => {
    const config = {
      ...base,
      model: 'child-process' as const,
      producers: 4,
      consumers: 4,
      capacity: 1,
    };
    const ledger = withLedger(
      createBrokerBackend(config, processPeerSpawner(builtHost('pipeline-process')!), 'test'),
    );
    const run = startPipelineRun({
      runId: 'ledger',
      config,
      backend: ledger.backend,
      onSample() {},
    });
    const result = await run.result;
    const report = ledger.report(result.totals.leftInQueue);
    expect(result.totals.consumed).toBeGreaterThan(200);
    expect(report).toMatchObject({ duplicates: 0, missing: 0, phantoms: 0, outOfOrder: 0 });
    expect(result.totals.maxDepth).toBe(1);
    expect(await waitFor(() => childPids().length === 0, 5000)).toBe(true);
  });
});

describe('startPipeline', () => {
  it('refuses a second pipeline while one runs, and a comparison beside it', async () => {
    const running = await start({ ...base, durationS: null });
    await expect(engine.startPipeline(base)).rejects.toMatchObject({ code: 'busy' });
    await expect(
      engine.startRun({ workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 1 }] }),
    ).rejects.toMatchObject({ code: 'busy' });
    await engine.stopPipeline(running.runId);
    await running.ended;
  });

  it('says which models cannot run here and why', async () => {
    await expect(engine.startPipeline({ ...base, model: 'web-workers' })).rejects.toThrow(
      /web-workers runs inside the Corelab window/,
    );
    await expect(engine.startPipeline({ ...base, model: 'utility-process' })).rejects.toThrow(
      /needs the Corelab desktop app/,
    );
  });

  it('tells the UI, model by model, which pipelines this host can run', async () => {
    const reasons = (api: typeof engine) =>
      api
        .getCapabilities()
        .then(({ models }) => Object.fromEntries(models.map((m) => [m.id, m.pipelineReason])));
    expect(await reasons(engine)).toMatchObject({
      'event-loop': null,
      'worker-threads': null,
      'child-process': null,
      'web-workers': expect.stringMatching(/runs inside the Corelab window/),
    });
    // Without the forked peers' host (as in the installed app) child processes run no pipeline.
    const { 'pipeline-process': _left, ...hosts } = builtScripts.hosts;
    const withoutForkedPeers = createLabEngine({ workerScripts: { hosts }, runtimes: ['node'] });
    try {
      expect(await reasons(withoutForkedPeers)).toMatchObject({
        'worker-threads': null,
        'child-process': 'cannot run a pipeline in this host',
      });
      await expect(
        withoutForkedPeers.startPipeline({ ...base, model: 'child-process' }),
      ).rejects.toThrow('child-process cannot run a pipeline in this host');
    } finally {
      await withoutForkedPeers.close();
    }
  });

  it('rejects a bad config naming the field and its range', async () => {
    const error = await engine.startPipeline({ ...base, capacity: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toBe('capacity must be an integer between 1 and 1024');
  });

  it('answers a stop of an unknown pipeline with not-found', async () => {
    await expect(engine.stopPipeline('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});
