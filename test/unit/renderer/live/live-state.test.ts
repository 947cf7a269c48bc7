import { describe, expect, it } from 'vitest';
import type { LiveResult, LiveSample } from '../../../../src/shared/live/live-schema';
import {
  initialLiveState,
  reduceLive,
  type LiveAction,
  type LiveState,
} from '../../../../src/renderer/live/live-state';

const config: LiveResult['config'] = {
  workload: 'cpu.primes',
  params: {},
  models: [
    { model: 'worker-threads', workers: 1 },
    { model: 'web-workers', workers: 2 },
  ],
  taskUs: 1000,
};

const sample = (workers: number, atMs = 250): LiveSample => ({
  model: 'worker-threads',
  atMs,
  workers,
  tasksPerSec: 900 * workers,
  tasksDone: 10,
  dispatchToStartUsP50: 30,
  taskUs: 1000,
  measuredTaskUsP50: 1000,
});

const run = (actions: LiveAction[], from: LiveState = initialLiveState): LiveState =>
  actions.reduce(reduceLive, from);

const threads = (state: LiveState) => state.models.find((m) => m.model === 'worker-threads')!;

describe('reduceLive', () => {
  it('starts with one entry per model at its first worker count', () => {
    const state = run([{ type: 'start', config }, { type: 'running' }]);
    expect(state.phase).toBe('running');
    expect(state.models.map((m) => [m.model, m.workers])).toEqual([
      ['worker-threads', 1],
      ['web-workers', 2],
    ]);
  });

  it('shows the count asked for at once, and the run’s own once a refusal comes', () => {
    const state = run([
      { type: 'start', config },
      { type: 'sample', sample: sample(1) },
      { type: 'set-workers', model: 'worker-threads', workers: 64 },
    ]);
    expect(threads(state).workers).toBe(64);
    const refused = reduceLive(state, {
      type: 'set-workers-failed',
      model: 'worker-threads',
      message: 'workers must be at most 8',
    });
    expect(threads(refused)).toMatchObject({ workers: 1, problem: 'workers must be at most 8' });
  });

  it('follows the run’s counts during a ramp, where the slider cannot steer', () => {
    const state = run([
      { type: 'start', config: { ...config, ramp: { from: 1, to: 3, stepS: 1 } } },
      { type: 'sample', sample: sample(3) },
    ]);
    expect(threads(state).workers).toBe(3);
  });

  it('ignores samples once idle, and reads a cancelled end as stopped, not failed', () => {
    const result: LiveResult = {
      runId: 'live-1',
      startedAt: '2025-01-01T00:00:00.000Z',
      config,
      isCancelled: true,
      durationMs: 4000,
      fit: null,
      models: [
        {
          model: 'worker-threads',
          steps: [],
          samples: [sample(2, 3000)],
          resizes: [],
          tasksDone: 3000,
          checksumVerified: true,
          checksumNote: null,
          error: null,
        },
      ],
    };
    const done = run([{ type: 'start', config }, { type: 'stop' }, { type: 'done', result }]);
    expect(done).toMatchObject({
      phase: 'idle',
      isError: false,
      status: 'Stopped: 3,000 tasks over 4 s',
    });
    expect(threads(done).workers).toBe(2);
    expect(reduceLive(done, { type: 'sample', sample: sample(5) })).toBe(done);
  });

  it('reports a checksum mismatch as an error', () => {
    const result: LiveResult = {
      runId: 'live-1',
      startedAt: '2025-01-01T00:00:00.000Z',
      config,
      isCancelled: false,
      durationMs: 1000,
      fit: null,
      models: [
        {
          model: 'worker-threads',
          steps: [],
          samples: [],
          resizes: [],
          tasksDone: 10,
          checksumVerified: false,
          checksumNote: null,
          error: null,
        },
      ],
    };
    const done = run([
      { type: 'start', config },
      { type: 'done', result },
    ]);
    expect(done.isError).toBe(true);
    expect(done.status).toMatch(/checksum mismatch/);
  });
});
