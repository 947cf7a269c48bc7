import { describe, expect, it } from 'vitest';
import { AtomicsRingQueue } from '../../../../src/shared/pipeline/atomics-queue';
import type { PipelineConfig } from '../../../../src/shared/pipeline/pipeline-config';
import type { PipelineSample } from '../../../../src/shared/pipeline/pipeline-result';
import { startPipelineRun } from '../../../../src/shared/pipeline/pipeline-run';
import { createSharedMemoryBackend } from '../../../../src/shared/pipeline/shared-memory-backend';
import { threadPeerSpawner } from '../../../../src/main/engine/pipeline/node-pipeline-peers';
import { builtHost } from '../../../helpers/built';
import { withLedger } from '../../../helpers/pipeline-ledger';

const event = (producer: number, seq: number) => ({
  producer,
  seq,
  value: seq % 256,
  sendEpochMs: 1,
});

describe('AtomicsRingQueue on one thread', () => {
  it('keeps events in order and wraps around its ring', () => {
    const queue = new AtomicsRingQueue(AtomicsRingQueue.createBuffer(3, 1));
    for (let round = 0; round < 3; round++) {
      for (let seq = 0; seq < 3; seq++) expect(queue.put(event(0, round * 3 + seq), 0)).toBe(true);
      for (let seq = 0; seq < 3; seq++) expect(queue.take(0)).toEqual(event(0, round * 3 + seq));
    }
    expect(queue.maxDepth()).toBe(3);
  });

  it('times out a put on a full queue and a take on an empty one', () => {
    const queue = new AtomicsRingQueue(AtomicsRingQueue.createBuffer(1, 1));
    expect(queue.take(5)).toBe('timeout');
    expect(queue.put(event(0, 0), 0)).toBe(true);
    const startMs = performance.now();
    expect(queue.put(event(0, 1), 20)).toBe('timeout');
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(15);
    expect(queue.depth()).toBe(1);
  });

  it('drains after the last producer is done, then reports closed', () => {
    const queue = new AtomicsRingQueue(AtomicsRingQueue.createBuffer(4, 2));
    queue.put(event(0, 0), 0);
    queue.producerDone();
    expect(queue.take(0)).toEqual(event(0, 0));
    // One producer is still there: an empty queue is not the end yet.
    expect(queue.take(0)).toBe('timeout');
    queue.producerDone();
    expect(queue.take(1000)).toBe('closed');
  });

  it('after stopProducers refuses puts; after halt refuses takes and keeps the events', () => {
    const queue = new AtomicsRingQueue(AtomicsRingQueue.createBuffer(4, 1));
    queue.put(event(0, 0), 0);
    queue.stopProducers();
    expect(queue.put(event(0, 1), 1000)).toBe('closed');
    expect(queue.isProducerStopped()).toBe(true);
    queue.halt();
    expect(queue.take(1000)).toBe('closed');
    expect(queue.remaining()).toEqual([event(0, 0)]);
  });
});

describe('AtomicsRingQueue under many threads', () => {
  it.each([1, 2])(
    'with 8 producers, 8 consumers and capacity %i never hands a slot out twice',
    async (capacity) => {
      const config: PipelineConfig = {
        model: 'worker-threads',
        producers: 8,
        consumers: 8,
        intervalMs: 0,
        capacity,
        workPerEvent: 0,
        durationS: 1.5,
      };
      const ledger = withLedger(
        createSharedMemoryBackend(config, threadPeerSpawner(builtHost('pipeline-thread')!), 'test'),
      );
      const samples: PipelineSample[] = [];
      const run = startPipelineRun({
        runId: 'stress',
        config,
        backend: ledger.backend,
        onSample: (sample) => samples.push(sample),
      });
      const result = await run.result;
      const report = ledger.report(result.totals.leftInQueue);
      expect(result.error).toBeNull();
      expect(result.totals.consumed).toBeGreaterThan(5000);
      expect(report).toMatchObject({ duplicates: 0, missing: 0, phantoms: 0, outOfOrder: 0 });
      expect(report.produced.filter((count) => count > 0)).toHaveLength(8);
      expect(result.totals).toMatchObject({
        lost: 0,
        duplicates: 0,
        outOfOrder: 0,
        leftInQueue: 0,
      });
      expect(result.totals.maxDepth).toBe(capacity);
      for (const sample of samples) expect(sample.depth).toBeLessThanOrEqual(capacity);
      expect(result.totals.lockWaitMs).toBeGreaterThan(0);
    },
    30_000,
  );
});
