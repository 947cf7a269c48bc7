import { describe, expect, it } from 'vitest';
import { PipelineMetrics } from '../../../../src/shared/pipeline/pipeline-metrics';
import type { ConsumerTally } from '../../../../src/shared/pipeline/pipeline-tally';

/** A consumer tally for the given (producer, seq) pairs with 1 ms latency each. */
function consumed(index: number, pairs: [number, number][]): ConsumerTally {
  return {
    role: 'consumer',
    index,
    consumed: pairs.length,
    events: pairs.flat(),
    latenciesMs: pairs.map(() => 1),
    outOfOrder: 0,
    lockWaitMs: 0,
    idleMs: 0,
    messagingMs: 0,
    digest: 0,
    isFinal: false,
  };
}

const queue = { leftInQueue: 0, maxDepth: 2, terminated: 0 };
const times = { goEpochMs: 0, stopEpochMs: 1000, endEpochMs: 1000 };

describe('PipelineMetrics', () => {
  it('counts a (producer, seq) consumed twice as a duplicate', () => {
    const metrics = new PipelineMetrics(false);
    metrics.add({
      role: 'producer',
      index: 0,
      produced: 3,
      blockedMs: 0,
      lockWaitMs: 0,
      idleMs: 0,
      messagingMs: 0,
      isFinal: true,
    });
    metrics.add(
      consumed(0, [
        [0, 0],
        [0, 1],
      ]),
    );
    metrics.add(
      consumed(1, [
        [0, 1],
        [0, 2],
      ]),
    );
    const totals = metrics.totals(queue, times);
    expect(totals.duplicates).toBe(1);
    expect(totals.lost).toBe(-1);
  });

  it('counts produced but neither consumed nor queued as lost', () => {
    const metrics = new PipelineMetrics(true);
    metrics.add({
      role: 'producer',
      index: 0,
      produced: 5,
      blockedMs: 2,
      lockWaitMs: 1,
      idleMs: 0,
      messagingMs: 0,
      isFinal: true,
    });
    metrics.add(
      consumed(0, [
        [0, 0],
        [0, 1],
        [0, 2],
      ]),
    );
    const totals = metrics.totals({ ...queue, leftInQueue: 1 }, times);
    expect(totals.lost).toBe(1);
    expect(totals.duplicates).toBe(0);
    expect(totals.lockWaitMs).toBe(1);
    expect(totals.producerBlockedMs).toBe(2);
    expect(totals.producedPerSec).toBe(5);
  });

  it('samples rates over the last second and latency percentiles since the last sample', () => {
    const metrics = new PipelineMetrics(false);
    metrics.begin(0);
    const produce = (produced: number) =>
      metrics.add({
        role: 'producer',
        index: 0,
        produced,
        blockedMs: 0,
        lockWaitMs: 0,
        idleMs: 0,
        messagingMs: 0,
        isFinal: false,
      });
    produce(100);
    metrics.add({
      ...consumed(0, [
        [0, 0],
        [0, 1],
        [0, 2],
        [0, 3],
      ]),
      latenciesMs: [1, 2, 3, 100],
    });
    const first = metrics.sample(500, 500, 7, 'running');
    expect(first.producedPerSec).toBe(200);
    expect(first.consumedPerSec).toBe(8);
    expect(first.depth).toBe(7);
    expect(first.latencyP50Ms).toBe(2.5);
    expect(first.lockWaitMsPerSec).toBeNull();
    // Nothing new: the rate still counts the last second, the percentiles only new events.
    const second = metrics.sample(1000, 1000, 0, 'running');
    expect(second.producedPerSec).toBe(100);
    expect(second.latencyP99Ms).toBeNull();
    produce(50);
    // From 500 ms on: the 100 events before then have left the window.
    const third = metrics.sample(1500, 1500, 0, 'draining');
    expect(third.producedPerSec).toBe(50);
    expect(third.consumedPerSec).toBe(0);
  });
});
