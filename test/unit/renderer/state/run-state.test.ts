import { describe, expect, it } from 'vitest';
import type { ModelResult } from '../../../../src/shared/results';
import {
  CALIBRATING_NOTE,
  estimateLeftMs,
  initialRunState,
  reduceRun,
  type RunAction,
  type RunState,
} from '../../../../src/renderer/state/run-state';
import { unmeasuredTimeShares } from '../../../../src/shared/thread-states';

function result(overrides: Partial<ModelResult> = {}): ModelResult {
  return {
    model: 'worker-threads',
    workers: 2,
    workload: 'cpu.primes',
    taskCount: 10,
    tasksDone: 10,
    wallMs: 1000,
    rounds: 1,
    wallMsMin: 1000,
    wallMsMax: 1000,
    roundWallMs: [1000],
    startupMs: 50,
    tasksPerSec: 10.5,
    latency: { p50Ms: 90, p95Ms: 110, p99Ms: 120, meanMs: 95, maxMs: 130 },
    workerBusyFraction: [0.9, 0.9],
    timeline: [],
    timeShares: unmeasuredTimeShares('a test result'),
    processes: [],
    cpuTimeMs: 1900,
    peakRssBytes: 1e8,
    eventLoopDelay: { p50Ms: 1, p99Ms: 2, maxMs: 3 },
    checksum: 42,
    expectedChecksum: 42,
    verified: true,
    isPartial: false,
    error: null,
    failures: [],
    ...overrides,
  };
}

function run(...actions: RunAction[]): RunState {
  return actions.reduce(reduceRun, initialRunState);
}

const begin: RunAction = {
  type: 'begin-run',
  models: [
    { model: 'event-loop', workers: 1 },
    { model: 'worker-threads', workers: 2 },
  ],
  taskCount: 10,
};

describe('reduceRun', () => {
  it('starts a run with one queued bar per model and says so', () => {
    const state = run(begin);
    expect(state.phase).toBe('running');
    expect(state.progress.map((r) => [r.model, r.phase, r.total])).toEqual([
      ['event-loop', 'queued', 10],
      ['worker-threads', 'queued', 10],
    ]);
    expect(state.status).toBe('Running 2 models…');
  });

  it('moves a bar with progress and completes it with its result', () => {
    const state = run(
      begin,
      { type: 'model-start', model: 'worker-threads', workers: 2, total: 10 },
      { type: 'progress', model: 'worker-threads', done: 4, total: 10, elapsedMs: 400 },
    );
    const row = state.progress.find((r) => r.model === 'worker-threads')!;
    expect(row).toMatchObject({ phase: 'running', done: 4 });
    expect(estimateLeftMs(row)).toBe(600);
    const done = reduceRun(state, {
      type: 'result',
      entry: { result: result(), startSamplerMs: null, coreSamples: [] },
    });
    expect(done.progress.find((r) => r.model === 'worker-threads')!.phase).toBe('done');
    expect(done.results).toHaveLength(1);
  });

  it('marks a model whose checksum did not verify as failed', () => {
    const state = run(begin, {
      type: 'result',
      entry: {
        result: result({ verified: false, checksum: 1 }),
        startSamplerMs: null,
        coreSamples: [],
      },
    });
    expect(state.progress.find((r) => r.model === 'worker-threads')!.phase).toBe('failed');
  });

  it('replaces a repeated result of the same model instead of adding a row', () => {
    const entry = { result: result(), startSamplerMs: null, coreSamples: [] };
    const state = run(begin, { type: 'result', entry }, { type: 'result', entry });
    expect(state.results).toHaveLength(1);
  });

  it('ends a cancelled run saying so, with unfinished bars cancelled', () => {
    const state = run(
      begin,
      { type: 'model-start', model: 'event-loop', workers: 1, total: 10 },
      { type: 'stopping' },
    );
    expect(state.status).toBe('Stopping…');
    const ended = reduceRun(state, { type: 'finish', outcome: 'cancelled' });
    expect(ended.phase).toBe('idle');
    expect(ended.status).toBe('Run cancelled');
    expect(ended.progress.every((r) => r.phase === 'cancelled')).toBe(true);
  });

  it('says why a run failed', () => {
    const state = run(begin, { type: 'finish', outcome: 'failed', message: 'boom' });
    expect(state.status).toBe('Run failed: boom');
    expect(state.isError).toBe(true);
  });

  it('fits Amdahl once a sweep has three worker counts, and says why the USL waits', () => {
    const state = run(
      { type: 'begin-sweep', model: 'worker-threads', maxWorkers: 3, taskCount: 10 },
      { type: 'sweep-point', workers: 1, wallMs: 1000 },
    );
    expect(state.sweep!.fit!.amdahl).toBeNull();
    expect(state.sweep!.fit!.usl).toBeNull();
    const more = [
      { type: 'sweep-point', workers: 2, wallMs: 520 },
      { type: 'sweep-point', workers: 3, wallMs: 360 },
    ] as const;
    const swept = more.reduce(reduceRun, state);
    expect(swept.sweep!.points.map((p) => p.workers)).toEqual([1, 2, 3]);
    expect(swept.sweep!.points[1]!.speedup).toBeCloseTo(1000 / 520);
    expect(swept.sweep!.fit!.amdahl!.serialFraction).toBeGreaterThan(0);
    expect(swept.sweep!.fit!.usl).toBeNull();
    expect(swept.sweep!.fit!.notes.join(' ')).toMatch(/sweep to at least 4 workers/);
    expect(reduceRun(swept, { type: 'finish', outcome: 'complete' }).status).toBe('Sweep complete');
  });

  it('leaves out a sweep point that has no time to compare', () => {
    const state = run(
      { type: 'begin-sweep', model: 'worker-threads', maxWorkers: 2, taskCount: 10 },
      { type: 'sweep-point', workers: 1, wallMs: 0 },
    );
    expect(state.sweep!.measurements).toEqual([]);
  });

  it('keeps the latest run results when a sweep starts', () => {
    const entry = { result: result(), startSamplerMs: null, coreSamples: [] };
    const state = run(
      begin,
      { type: 'result', entry },
      { type: 'finish', outcome: 'complete' },
      { type: 'begin-sweep', model: 'worker-threads', maxWorkers: 2, taskCount: 10 },
    );
    expect(state.results).toHaveLength(1);
    expect(state.kind).toBe('sweep');
  });

  it('shows calibration as the first phase, then what it decided, then the rounds', () => {
    let state = reduceRun(initialRunState, {
      type: 'begin-run',
      models: [{ model: 'worker-threads', workers: 2 }],
      taskCount: 100,
    });
    expect(state.note).toBe(CALIBRATING_NOTE);
    state = reduceRun(state, {
      type: 'method',
      method: {
        estimate: {
          estimatedMs: 6000,
          rounds: 3,
          params: { limit: 4e6 },
          taskCount: 64,
          isSized: true,
          targetMs: 2000,
          calibrationMs: 400,
          models: [],
          note: 'about 6 s',
        },
      },
    });
    expect(state.note).toMatch(/^Sized to this machine: 64 tasks, about 6 s\./);
    state = reduceRun(state, { type: 'round', round: 2, rounds: 3 });
    expect(state.round).toEqual({ round: 2, rounds: 3 });
    state = reduceRun(state, { type: 'finish', outcome: 'complete' });
    expect(state.round).toBeNull();
  });
});
