import { describe, expect, it } from 'vitest';
import {
  defaultSnapshotName,
  mergeCoreSamples,
  snapshotContentOf,
  type StartedRun,
} from '../../../../src/renderer/state/snapshot-draft';
import { initialRunState, type RunState } from '../../../../src/renderer/state/run-state';
import { validateSnapshotName } from '../../../../src/shared/snapshot';
import { modelResult } from '../../../fixtures/fake-lab-api';

const started: StartedRun = {
  kind: 'run',
  config: {
    workload: 'cpu.primes',
    params: {},
    models: [
      { model: 'worker-threads', workers: 2 },
      { model: 'web-workers', workers: 2 },
    ],
  },
  startedAt: '2025-01-02T03:04:05.000Z',
};

const finished: RunState = {
  ...initialRunState,
  kind: 'run',
  progress: [
    { model: 'worker-threads', workers: 2, done: 2, total: 2, elapsedMs: 10, phase: 'done' },
    { model: 'web-workers', workers: 2, done: 2, total: 2, elapsedMs: 10, phase: 'done' },
  ],
  results: [
    {
      result: modelResult(),
      startSamplerMs: 1000,
      coreSamples: [
        { t: 900, cores: [1, 2] },
        { t: 1000, cores: [3, 4] },
      ],
    },
    {
      result: modelResult({ model: 'web-workers' }),
      startSamplerMs: 1100,
      coreSamples: [
        { t: 1000, cores: [3, 4] },
        { t: 1100, cores: [5, 6] },
      ],
    },
  ],
};

describe('snapshotContentOf', () => {
  it('keeps engine and page models, their start times and the merged core series', () => {
    const draft = snapshotContentOf(finished, started);
    if (!('content' in draft)) throw new Error(draft.reason);
    const { content } = draft;
    if (content.kind !== 'run') throw new Error(`expected a run, got ${content.kind}`);
    expect(content.results.map((r) => r.model)).toEqual(['worker-threads', 'web-workers']);
    expect(content.modelStartsMs).toEqual([1000, 1100]);
    expect(content.coreSeries.map((s) => s.t)).toEqual([900, 1000, 1100]);
    // The workload's defaults are filled in, as the engine reports its configs.
    expect(content.config.taskCount).toBeGreaterThan(0);
    expect(Object.keys(content.config.params).length).toBeGreaterThan(0);
  });

  it('says why there is nothing to save yet', () => {
    expect(snapshotContentOf({ ...finished, phase: 'running' }, started)).toEqual({
      reason: 'Wait until the run has ended',
    });
    expect(snapshotContentOf(finished, null)).toEqual({
      reason: 'Run a comparison or a sweep first',
    });
    expect(snapshotContentOf({ ...finished, results: [] }, started)).toEqual({
      reason: 'The run produced no results to save',
    });
  });

  it('marks a run that was stopped as cancelled', () => {
    const stopped: RunState = {
      ...finished,
      progress: [{ ...finished.progress[0]!, phase: 'cancelled' }],
    };
    const draft = snapshotContentOf(stopped, started);
    expect('content' in draft && draft.content.kind === 'run' && draft.content.isCancelled).toBe(
      true,
    );
  });

  it('saves a sweep with its points and fit', () => {
    const sweepStarted: StartedRun = {
      kind: 'sweep',
      config: { workload: 'io.sleep', model: 'event-loop', maxWorkers: 2 },
      startedAt: '2025-01-02T03:04:05.000Z',
    };
    const state: RunState = {
      ...initialRunState,
      kind: 'sweep',
      sweep: {
        model: 'event-loop',
        maxWorkers: 2,
        measurements: [{ workers: 1, roundWallMs: [10] }],
        points: [
          {
            workers: 1,
            wallMs: 10,
            rounds: 1,
            wallMsMin: 10,
            wallMsMax: 10,
            roundWallMs: [10],
            speedup: 1,
            efficiency: 1,
          },
        ],
        fit: null,
        results: [
          {
            result: modelResult({ model: 'event-loop', workers: 1 }),
            startSamplerMs: null,
            coreSamples: [],
          },
        ],
      },
    };
    const draft = snapshotContentOf(state, sweepStarted);
    if (!('content' in draft)) throw new Error(draft.reason);
    expect(draft.content).toMatchObject({ kind: 'sweep', fit: null, modelStartsMs: [null] });
  });
});

describe('defaultSnapshotName', () => {
  it('is a valid name with the workload, the models and the time', () => {
    const draft = snapshotContentOf(finished, started);
    if (!('content' in draft)) throw new Error(draft.reason);
    const name = defaultSnapshotName(draft.content, new Date(2025, 0, 2, 14, 5));
    expect(name).toBe('cpu.primes worker-threads vs web-workers 2025-01-02 14.05');
    expect(validateSnapshotName(name)).toBe(name);
  });
});

describe('mergeCoreSamples', () => {
  it('keeps each sample once, oldest first', () => {
    expect(mergeCoreSamples(finished.results).map((s) => s.t)).toEqual([900, 1000, 1100]);
  });
});
