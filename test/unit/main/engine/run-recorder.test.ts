import { describe, expect, it } from 'vitest';
import { startRunRecorder } from '../../../../src/main/engine/run-recorder';
import type { CoreSample } from '../../../../src/shared/results';
import { SNAPSHOT_LIMITS } from '../../../../src/shared/snapshot';
import { modelResult } from '../../../fixtures/fake-lab-api';

/** A sampler whose samples the test pushes. */
function fakeSampler() {
  const listeners = new Set<(sample: CoreSample) => void>();
  return {
    subscribe(listener: (sample: CoreSample) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    push: (sample: CoreSample) => listeners.forEach((listener) => listener(sample)),
    count: () => listeners.size,
  };
}

describe('run recorder', () => {
  it("keeps each sample's core occupants, for a live snapshot", () => {
    const sampler = fakeSampler();
    const recorder = startRunRecorder(sampler);
    const occupants = [{ model: 'worker-threads' as const, workers: [0] }, null];
    sampler.push({ t: 2, cores: [90, 5], occupants });
    expect(recorder.finish([]).coreSeries).toEqual([{ t: 2, cores: [90, 5], occupants }]);
  });

  it('keeps the samples of the run and stops listening when finished', () => {
    const sampler = fakeSampler();
    sampler.push({ t: 1, cores: [1] });
    const recorder = startRunRecorder(sampler);
    sampler.push({ t: 2, cores: [50, 60] });
    sampler.push({ t: 3, cores: [70, 80] });
    const recording = recorder.finish([]);
    sampler.push({ t: 4, cores: [0, 0] });
    expect(recording.coreSeries).toEqual([
      { t: 2, cores: [50, 60] },
      { t: 3, cores: [70, 80] },
    ]);
    expect(sampler.count()).toBe(0);
  });

  it('matches model starts to results by model and worker count, in order', () => {
    let clock = 100;
    const recorder = startRunRecorder(fakeSampler(), () => clock);
    const start = (model: 'event-loop' | 'worker-threads', workers: number) => {
      clock += 10;
      recorder.onEvent({ type: 'model-start', runId: 'r', model, workers });
    };
    start('worker-threads', 1);
    start('worker-threads', 2);
    start('event-loop', 4);
    const recording = recorder.finish([
      modelResult({ model: 'worker-threads', workers: 1 }),
      modelResult({ model: 'worker-threads', workers: 2 }),
      modelResult({ model: 'event-loop', workers: 4 }),
      modelResult({ model: 'child-process', workers: 2 }),
    ]);
    expect(recording.modelStartsMs).toEqual([110, 120, 130, null]);
  });

  it('keeps the latest samples of a run longer than a snapshot holds', () => {
    const sampler = fakeSampler();
    const recorder = startRunRecorder(sampler);
    const total = SNAPSHOT_LIMITS.maxCoreSamples + 10;
    for (let t = 0; t < total; t++) sampler.push({ t, cores: [0] });
    const { coreSeries } = recorder.finish([]);
    expect(coreSeries.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.maxCoreSamples);
    expect(coreSeries.at(-1)!.t).toBe(total - 1);
  });
});
