import { describe, expect, it } from 'vitest';
import { LabError, noActiveRunError } from '../../../../src/shared/errors';
import type { LabEvent } from '../../../../src/shared/lab-api';
import type { PipelineConfig } from '../../../../src/shared/pipeline/pipeline-config';
import type {
  PipelineResult,
  PipelineSample,
} from '../../../../src/shared/pipeline/pipeline-result';
import type { PipelineRunHandle } from '../../../../src/shared/pipeline/pipeline-run';
import { PipelineSession } from '../../../../src/renderer/pipeline/pipeline-session';
import {
  initialPipelineState,
  reducePipeline,
  type PipelineAction,
  type PipelineState,
} from '../../../../src/renderer/pipeline/pipeline-state';
import { createFakeLabApi } from '../../../fixtures/fake-lab-api';
import { unmeasuredTimeShares } from '../../../../src/shared/thread-states';

const config: PipelineConfig = {
  model: 'worker-threads',
  producers: 2,
  consumers: 2,
  intervalMs: 1,
  capacity: 8,
  workPerEvent: 0,
  durationS: null,
};

const sample = (phase: PipelineSample['phase'] = 'running'): PipelineSample => ({
  t: 1,
  elapsedMs: 250,
  phase,
  producedPerSec: 10,
  consumedPerSec: 10,
  depth: 2,
  latencyP50Ms: 1,
  latencyP99Ms: 2,
  lockWaitMsPerSec: 0,
});

function result(runId: string, overrides: Partial<PipelineResult['totals']> = {}): PipelineResult {
  return {
    runId,
    startedAt: '2025-01-01T00:00:00.000Z',
    config,
    model: config.model,
    transport: 'shared-memory',
    transportNote: 'ring buffer',
    startupMs: 1,
    runMs: 1000,
    drainMs: 2,
    stopReason: 'stopped',
    totals: {
      produced: 10,
      consumed: 10,
      leftInQueue: 0,
      lost: 0,
      duplicates: 0,
      outOfOrder: 0,
      maxDepth: 8,
      producedPerSec: 10,
      consumedPerSec: 10,
      latency: { p50Ms: 1, p95Ms: 1, p99Ms: 2, meanMs: 1, maxMs: 3 },
      lockWaitMs: 0,
      producerBlockedMs: 0,
      terminated: 0,
      digest: 0,
      ...overrides,
    },
    samples: [sample()],
    error: null,
    timeShares: unmeasuredTimeShares('not read in this test'),
    timeSharesByRole: {
      producers: unmeasuredTimeShares('not read in this test'),
      consumers: unmeasuredTimeShares('not read in this test'),
    },
  };
}

/** A session over the fake API, with its state kept by the real reducer. */
function setup() {
  const api = createFakeLabApi();
  let state: PipelineState = initialPipelineState;
  const dispatch = (action: PipelineAction): void => void (state = reducePipeline(state, action));
  const session = new PipelineSession(api, dispatch);
  api.onEvent((event: LabEvent) => session.handleEvent(event));
  return { api, session, state: () => state };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('PipelineSession', () => {
  it('starts an engine pipeline, shows its samples, and its totals at the end', async () => {
    const { api, session, state } = setup();
    session.start(config);
    expect(state().phase).toBe('starting');
    // A sample can come before startPipeline has answered: it waits for the run id.
    api.emitEvent({ type: 'pipeline-sample', runId: 'pipeline-1', sample: sample() });
    await settle();
    expect(state().samples).toHaveLength(1);
    expect(state().phase).toBe('running');
    api.emitEvent({ type: 'pipeline-sample', runId: 'someone-else', sample: sample() });
    expect(state().samples).toHaveLength(1);
    api.emitEvent({ type: 'pipeline-done', runId: 'pipeline-1', result: result('pipeline-1') });
    expect(state()).toMatchObject({ phase: 'idle', isError: false });
    expect(state().status).toBe('Done: 10 events consumed, nothing lost');
    expect(session.isActive).toBe(false);
  });

  it('drains on the first Stop and forces on the second', async () => {
    const { api, session, state } = setup();
    session.start(config);
    await settle();
    session.stop();
    session.stop();
    await settle();
    expect(api.calls.filter((c) => c.method === 'stopPipeline').map((c) => c.args)).toEqual([
      ['pipeline-1', { force: false }],
      ['pipeline-1', { force: true }],
    ]);
    expect(state().stops).toBe(2);
  });

  it('sends a Stop pressed before the run id was known once it is', async () => {
    const { api, session } = setup();
    session.start(config);
    session.stop();
    await settle();
    expect(api.calls.find((c) => c.method === 'stopPipeline')?.args).toEqual([
      'pipeline-1',
      { force: false },
    ]);
  });

  it('takes a Stop that finds the pipeline ended as news of nothing, and any other refusal as a failure', async () => {
    const { api, session, state } = setup();
    session.start(config);
    await settle();
    api.stopPipeline = () => Promise.reject(noActiveRunError('pipeline', 'pipeline-1'));
    session.stop();
    await settle();
    expect(state().isError).toBe(false);
    api.stopPipeline = () => Promise.reject(new LabError('internal', 'the host is gone'));
    session.stop();
    await settle();
    expect(state()).toMatchObject({ isError: true, status: 'Stop failed: the host is gone' });
  });

  it('marks a result that lost events as an error', async () => {
    const { api, session, state } = setup();
    session.start(config);
    await settle();
    api.emitEvent({
      type: 'pipeline-done',
      runId: 'pipeline-1',
      result: result('pipeline-1', { lost: 3 }),
    });
    expect(state().isError).toBe(true);
    expect(state().status).toMatch(/3 lost/);
  });

  it('says why the engine refused to start', async () => {
    const { api, session, state } = setup();
    api.startPipeline = () => Promise.reject(new Error('a run is already in progress'));
    session.start(config);
    await settle();
    expect(state()).toMatchObject({ phase: 'idle', isError: true });
    expect(state().status).toBe('a run is already in progress');
  });

  it('runs page models in the page, not on the engine', async () => {
    const api = createFakeLabApi();
    let state: PipelineState = initialPipelineState;
    const stops: ({ force?: boolean } | undefined)[] = [];
    let finish: (value: PipelineResult) => void = () => undefined;
    const handle: PipelineRunHandle = {
      runId: 'page-1',
      stop: (options) => void stops.push(options),
      phase: () => 'running',
      result: new Promise((resolve) => (finish = resolve)),
    };
    const session = new PipelineSession(
      api,
      (action) => void (state = reducePipeline(state, action)),
      () => handle,
    );
    session.start({ ...config, model: 'web-workers' });
    session.stop();
    session.stop();
    expect(stops).toEqual([{ force: false }, { force: true }]);
    finish(result('page-1'));
    await settle();
    expect(state.phase).toBe('idle');
    expect(api.calls.some((c) => c.method === 'startPipeline')).toBe(false);
  });
});
