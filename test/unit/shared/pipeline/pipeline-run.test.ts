import { describe, expect, it } from 'vitest';
import { createBrokerBackend } from '../../../../src/shared/pipeline/broker-backend';
import { createInProcessBackend } from '../../../../src/shared/pipeline/in-process-backend';
import type { PipelineBackend } from '../../../../src/shared/pipeline/pipeline-backend';
import type { PipelineConfig } from '../../../../src/shared/pipeline/pipeline-config';
import type { PipelineSample } from '../../../../src/shared/pipeline/pipeline-result';
import { startPipelineRun } from '../../../../src/shared/pipeline/pipeline-run';
import { memoryPeerSpawner } from '../../../fixtures/pipeline-memory-peers';
import { withLedger } from '../../../helpers/pipeline-ledger';

const base: PipelineConfig = {
  model: 'event-loop',
  producers: 3,
  consumers: 2,
  intervalMs: 0,
  capacity: 4,
  workPerEvent: 0,
  durationS: 0.6,
};

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The two backends that run in this thread: the async queue and the broker over memory. */
const backends: [string, (config: PipelineConfig) => PipelineBackend][] = [
  ['async queue', (config) => createInProcessBackend(config, 'test')],
  ['message passing', (config) => createBrokerBackend(config, memoryPeerSpawner().spawn, 'test')],
];

describe.each(backends)('a pipeline on the %s', (_name, make) => {
  it('delivers every event exactly once and in order per producer', async () => {
    const ledger = withLedger(make(base));
    const run = startPipelineRun({
      runId: 'r',
      config: base,
      backend: ledger.backend,
      onSample() {},
    });
    const result = await run.result;
    const report = ledger.report(result.totals.leftInQueue);
    expect(result.stopReason).toBe('duration');
    expect(result.totals.produced).toBeGreaterThan(100);
    expect(result.totals).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0, leftInQueue: 0 });
    expect(result.totals.consumed).toBe(result.totals.produced);
    expect(report).toMatchObject({ duplicates: 0, missing: 0, phantoms: 0, outOfOrder: 0 });
    expect(report.produced.reduce((a, b) => a + b, 0)).toBe(result.totals.produced);
    expect(report.produced.every((count) => count > 0)).toBe(true);
  });

  it('holds the queue at or under capacity and makes fast producers wait', async () => {
    // Slow consumers (about 2 ms of work per event) behind fast producers.
    const config = { ...base, capacity: 3, workPerEvent: 2000, durationS: 0.8 };
    const samples: PipelineSample[] = [];
    const run = startPipelineRun({
      runId: 'r',
      config,
      backend: make(config),
      onSample: (sample) => samples.push(sample),
    });
    const result = await run.result;
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const sample of samples) expect(sample.depth).toBeLessThanOrEqual(3);
    // Here consumers share the producers' thread, so the queue need not fill; it must not overfill.
    expect(result.totals.maxDepth).toBeGreaterThan(0);
    expect(result.totals.maxDepth).toBeLessThanOrEqual(3);
    expect(result.totals.producerBlockedMs).toBeGreaterThan(100);
    expect(result.totals.lost).toBe(0);
  });

  it('on Stop, stops producers first and lets consumers drain the queue', async () => {
    const config = { ...base, capacity: 16, workPerEvent: 1500, durationS: null };
    const phases: string[] = [];
    const run = startPipelineRun({
      runId: 'r',
      config,
      backend: make(config),
      onSample: (sample) => phases.push(sample.phase),
    });
    await delay(400);
    run.stop();
    expect(run.phase()).toBe('draining');
    const result = await run.result;
    expect(result.stopReason).toBe('stopped');
    expect(result.totals).toMatchObject({ leftInQueue: 0, lost: 0, duplicates: 0, terminated: 0 });
    expect(result.totals.consumed).toBe(result.totals.produced);
    expect(phases).toContain('running');
  });

  it('on a second Stop, halts at once and counts what stayed queued', async () => {
    // Consumers far slower than producers: the queue is full when the stops come.
    const config = { ...base, consumers: 1, capacity: 32, workPerEvent: 5000, durationS: null };
    const run = startPipelineRun({ runId: 'r', config, backend: make(config), onSample() {} });
    await delay(300);
    run.stop();
    run.stop();
    expect(run.phase()).toBe('halting');
    const result = await run.result;
    expect(result.stopReason).toBe('forced');
    expect(result.totals.leftInQueue).toBeGreaterThan(0);
    expect(result.totals.lost).toBe(0);
    expect(result.totals.produced).toBe(result.totals.consumed + result.totals.leftInQueue);
    expect(result.drainMs).toBeLessThan(500);
  });

  it('applies a stop that came while it was starting', async () => {
    const config = { ...base, durationS: null };
    const run = startPipelineRun({ runId: 'r', config, backend: make(config), onSample() {} });
    run.stop();
    const result = await run.result;
    expect(result.stopReason).toBe('stopped');
    expect(result.totals.lost).toBe(0);
  });
});

describe('a message-passing pipeline', () => {
  it('fails, halting the others, when a participant dies', async () => {
    const peers = memoryPeerSpawner();
    let victim: { kill(): void } | null = null;
    const spawn: typeof peers.spawn = (role, index) => {
      const peer = peers.spawn(role, index);
      if (role === 'consumer' && index === 0) victim = peer;
      return peer;
    };
    const config = { ...base, durationS: null };
    const run = startPipelineRun({
      runId: 'r',
      config,
      backend: createBrokerBackend(config, spawn, 'test'),
      onSample() {},
    });
    await delay(200);
    victim!.kill();
    const result = await run.result;
    expect(result.stopReason).toBe('failed');
    expect(result.error?.message).toMatch(/consumer 0 was killed by SIGKILL before it finished/);
    expect(peers.live()).toBe(0);
  });
});
