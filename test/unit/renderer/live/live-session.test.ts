import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import type { LabEvent } from '../../../../src/shared/lab-api';
import type {
  LiveConfig,
  LiveModelResult,
  LiveResult,
  LiveSample,
} from '../../../../src/shared/live/live-schema';
import type { ModelId } from '../../../../src/shared/models';
import { LiveSession, STEER_INTERVAL_MS } from '../../../../src/renderer/live/live-session';
import {
  initialLiveState,
  reduceLive,
  type LiveAction,
  type LiveState,
} from '../../../../src/renderer/live/live-state';
import type { PageLiveHandle, PageLiveStarter } from '../../../../src/renderer/live/page-live';
import { CalibrationGate } from '../../../../src/renderer/state/calibration-gate';
import { createFakeLabApi } from '../../../fixtures/fake-lab-api';

const config: LiveResult['config'] = {
  workload: 'cpu.primes',
  params: {},
  models: [
    { model: 'worker-threads', workers: 1 },
    { model: 'web-workers', workers: 1 },
  ],
  taskUs: 1000,
};

const sample = (model: ModelId, workers = 1): LiveSample => ({
  model,
  atMs: 250,
  workers,
  tasksPerSec: 1000,
  tasksDone: 250,
  dispatchToStartUsP50: 40,
  taskUs: 1000,
  measuredTaskUsP50: 990,
});

const modelResult = (model: ModelId): LiveModelResult => ({
  model,
  steps: [],
  samples: [sample(model)],
  resizes: [],
  tasksDone: 250,
  checksumVerified: true,
  checksumNote: null,
  error: null,
});

const liveResult = (runId: string, models: ModelId[], part: LiveResult['config']): LiveResult => ({
  runId,
  startedAt: '2025-01-01T00:00:00.000Z',
  config: part,
  isCancelled: true,
  durationMs: 1000,
  models: models.map(modelResult),
  fit: null,
});

/** A page handle that records what it was told, and ends when the test says. */
function fakePage() {
  const told: unknown[][] = [];
  let finish: (result: LiveResult) => void = () => undefined;
  let pageConfig: LiveConfig | null = null;
  const start: PageLiveStarter = (part, listener) => {
    pageConfig = part;
    listener.onSample(sample('web-workers'));
    const handle: PageLiveHandle = {
      setWorkers: (model, workers) => {
        if (workers > 8) throw new LabError('invalid-argument', 'workers must be at most 8');
        told.push(['setWorkers', model, workers]);
      },
      setTaskSize: (taskUs) => void told.push(['setTaskSize', taskUs]),
      stop: () => void told.push(['stop']),
      result: new Promise((resolve) => (finish = resolve)),
    };
    return handle;
  };
  return { start, told, finish: (result: LiveResult) => finish(result), config: () => pageConfig };
}

function setup() {
  const api = createFakeLabApi();
  const calls: unknown[][] = [];
  api.startLive = (part) => {
    calls.push(['startLive', part]);
    return Promise.resolve({ runId: 'live-1' });
  };
  api.setWorkers = (runId, model, workers) => {
    calls.push(['setWorkers', runId, model, workers]);
    return Promise.resolve();
  };
  api.setTaskSize = (runId, taskUs) => {
    calls.push(['setTaskSize', runId, taskUs]);
    return Promise.resolve();
  };
  api.cancel = (runId) => {
    calls.push(['cancel', runId]);
    return Promise.resolve();
  };
  let state: LiveState = initialLiveState;
  const dispatch = (action: LiveAction): void => void (state = reduceLive(state, action));
  const page = fakePage();
  const session = new LiveSession(api, dispatch, new CalibrationGate(), page.start);
  api.onEvent((event: LabEvent) => session.handleEvent(event));
  return { api, calls, page, session, state: () => state };
}

const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0);
};

describe('LiveSession', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('adopts a live run it did not start (a closed tab), shows it, steers it and stops it', async () => {
    const { api, calls, session, state } = setup();
    api.emitEvent({ type: 'live-sample', runId: 'orphan', sample: sample('worker-threads', 2) });
    expect(session.isActive).toBe(true);
    expect(state().phase).toBe('running');
    expect(state().status).toMatch(/started elsewhere/);
    expect(state().models).toMatchObject([{ model: 'worker-threads', workers: 2 }]);
    expect(state().models[0]!.samples).toHaveLength(1);

    session.setWorkers('worker-threads', 3);
    await settle();
    expect(calls.at(-1)).toEqual(['setWorkers', 'orphan', 'worker-threads', 3]);
    session.stop();
    expect(calls.at(-1)).toEqual(['cancel', 'orphan']);
    const engineOnly = { ...config, models: [{ model: 'worker-threads' as const, workers: 2 }] };
    api.emitEvent({
      type: 'live-done',
      runId: 'orphan',
      result: liveResult('orphan', ['worker-threads'], engineOnly),
    });
    expect(session.isActive).toBe(false);
    expect(state().phase).toBe('idle');
    expect(state().result?.config).toEqual(engineOnly);
  });

  it('runs engine models on the engine and page models in the page, as one run', async () => {
    const { api, calls, page, session, state } = setup();
    session.start(config);
    await settle();
    expect(calls[0]).toEqual([
      'startLive',
      { ...config, models: [{ model: 'worker-threads', workers: 1 }] },
    ]);
    expect(page.config()?.models).toEqual([{ model: 'web-workers', workers: 1 }]);
    api.emitEvent({ type: 'live-sample', runId: 'live-1', sample: sample('worker-threads') });
    api.emitEvent({ type: 'live-sample', runId: 'other', sample: sample('worker-threads', 9) });
    expect(state().models.map((m) => m.samples.length)).toEqual([1, 1]);

    session.stop();
    expect(calls.at(-1)).toEqual(['cancel', 'live-1']);
    expect(page.told).toContainEqual(['stop']);
    api.emitEvent({
      type: 'live-done',
      runId: 'live-1',
      result: liveResult('live-1', ['worker-threads'], config),
    });
    // Not done until the page's part has ended too.
    expect(state().phase).toBe('stopping');
    page.finish(liveResult('page-1', ['web-workers'], config));
    await settle();
    expect(state().phase).toBe('idle');
    expect(state().result?.models.map((m) => m.model)).toEqual(['worker-threads', 'web-workers']);
    expect(state().status).toBe('Stopped: 500 tasks over 1 s');
  });

  it('sends a move at once and the last of a burst after it, to where the model runs', async () => {
    const { calls, page, session, state } = setup();
    session.start(config);
    await settle();
    session.setWorkers('worker-threads', 2);
    session.setWorkers('worker-threads', 3);
    session.setWorkers('worker-threads', 4);
    session.setWorkers('web-workers', 4);
    expect(state().models.map((m) => m.workers)).toEqual([4, 4]);
    const resizes = () => calls.filter((c) => c[0] === 'setWorkers');
    expect(resizes()).toEqual([['setWorkers', 'live-1', 'worker-threads', 2]]);
    expect(page.told).toEqual([['setWorkers', 'web-workers', 4]]);
    await vi.advanceTimersByTimeAsync(STEER_INTERVAL_MS);
    expect(resizes()).toEqual([
      ['setWorkers', 'live-1', 'worker-threads', 2],
      ['setWorkers', 'live-1', 'worker-threads', 4],
    ]);
    await vi.advanceTimersByTimeAsync(5 * STEER_INTERVAL_MS);
    expect(resizes()).toHaveLength(2);
  });

  it('shows why a resize was refused and puts the slider back', async () => {
    const { api, session, state } = setup();
    api.setWorkers = () =>
      Promise.reject(new LabError('invalid-argument', 'workers must be at most 8 (maxWorkers)'));
    session.start(config);
    await settle();
    session.setWorkers('worker-threads', 64);
    await vi.advanceTimersByTimeAsync(STEER_INTERVAL_MS);
    expect(state().models[0]).toMatchObject({
      workers: 1,
      problem: 'workers must be at most 8 (maxWorkers)',
    });
    session.setWorkers('web-workers', 9);
    await vi.advanceTimersByTimeAsync(STEER_INTERVAL_MS);
    expect(state().models[1]?.problem).toBe('workers must be at most 8');
  });

  it('changes the task size of both parts', async () => {
    const { calls, page, session } = setup();
    session.start(config);
    await settle();
    session.setTaskSize(50);
    await vi.advanceTimersByTimeAsync(STEER_INTERVAL_MS);
    expect(calls).toContainEqual(['setTaskSize', 'live-1', 50]);
    expect(page.told).toContainEqual(['setTaskSize', 50]);
  });

  it('ends the page part when the engine refuses to start', async () => {
    const { api, page, session, state } = setup();
    api.startLive = () =>
      Promise.reject(new LabError('invalid-argument', 'cpu.sleep cannot run live'));
    session.start(config);
    await settle();
    expect(state()).toMatchObject({
      phase: 'idle',
      isError: true,
      status: 'cpu.sleep cannot run live',
    });
    expect(page.told).toContainEqual(['stop']);
    expect(session.isActive).toBe(false);
  });
});
