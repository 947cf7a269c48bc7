import { describe, expect, it } from 'vitest';
import type { LabApi, LabEvent, RunResult } from '../../../../src/shared/lab-api';
import type { RunEstimate } from '../../../../src/shared/measurement';
import type { ModelResult } from '../../../../src/shared/results';
import type { RunConfig } from '../../../../src/shared/run-config';
import { getWorkload } from '../../../../src/shared/workloads/registry';
import { CoreHistory } from '../../../../src/renderer/state/core-history';
import { FrameDelayRecorder } from '../../../../src/renderer/state/frame-monitor';
import { rememberReference } from '../../../../src/renderer/renderer-models/reference-checksum';
import { RunOrchestrator } from '../../../../src/renderer/state/run-orchestrator';
import type { RunAction } from '../../../../src/renderer/state/run-state';
import { unmeasuredTimeShares } from '../../../../src/shared/thread-states';

/** A LabApi whose engine side the test plays by hand. */
class FakeLab implements LabApi {
  readonly started: RunConfig[] = [];
  readonly cancelled: string[] = [];
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private answerStart: ((value: { runId: string }) => void) | null = null;

  emit(event: LabEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  /** Lets the pending startRun answer with `runId`. */
  answer(runId: string): void {
    this.answerStart?.({ runId });
  }
  getHostInfo = () => Promise.reject(new Error('not used'));
  getCapabilities = () => Promise.reject(new Error('not used'));
  getSamplerStats = () => Promise.reject(new Error('not used'));
  readonly estimated: RunConfig[] = [];
  estimate: RunEstimate | null = null;
  estimateRun = (config: RunConfig) => {
    this.estimated.push(config);
    return Promise.resolve(this.estimate);
  };
  measureMessages = () => Promise.reject(new Error('not used by the run orchestrator'));
  cancelMessages = () => Promise.reject(new Error('not used by the run orchestrator'));
  startRun(config: RunConfig): Promise<{ runId: string }> {
    this.started.push(config);
    return new Promise((resolve) => (this.answerStart = resolve));
  }
  startSweep = () => Promise.reject(new Error('not used'));
  startPipeline = () => Promise.reject(new Error('not used'));
  startLive = () => Promise.reject(new Error('not used'));
  setWorkers = () => Promise.reject(new Error('not used'));
  setTaskSize = () => Promise.reject(new Error('not used'));
  stopPipeline = () => Promise.reject(new Error('not used'));
  async cancel(runId: string): Promise<void> {
    this.cancelled.push(runId);
  }
  listSnapshots = () => Promise.reject(new Error('not used'));
  saveSnapshot = () => Promise.reject(new Error('not used'));
  loadSnapshot = () => Promise.reject(new Error('not used'));
  renameSnapshot = () => Promise.reject(new Error('not used'));
  deleteSnapshot = () => Promise.reject(new Error('not used'));
  importSnapshot = () => Promise.reject(new Error('not used'));
  exportSnapshot = () => Promise.reject(new Error('not used'));
  onCoreSample = () => () => undefined;
  onEvent(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function result(model: ModelResult['model'], overrides: Partial<ModelResult> = {}): ModelResult {
  return {
    model,
    workers: 2,
    workload: 'cpu.primes',
    taskCount: 8,
    tasksDone: 8,
    wallMs: 100,
    rounds: 1,
    wallMsMin: 100,
    wallMsMax: 100,
    roundWallMs: [100],
    startupMs: 10,
    tasksPerSec: 80,
    latency: { p50Ms: 10, p95Ms: 12, p99Ms: 13, meanMs: 10, maxMs: 14 },
    workerBusyFraction: [1, 1],
    timeline: [],
    timeShares: unmeasuredTimeShares('a test result'),
    processes: [],
    cpuTimeMs: 190,
    peakRssBytes: 1e8,
    eventLoopDelay: { p50Ms: 1, p99Ms: 2, maxMs: 3 },
    checksum: 7,
    expectedChecksum: 7,
    verified: true,
    isPartial: false,
    error: null,
    failures: [],
    ...overrides,
  };
}

function setup() {
  const lab = new FakeLab();
  const actions: RunAction[] = [];
  const orchestrator = new RunOrchestrator(
    lab,
    new CoreHistory(2),
    new FrameDelayRecorder(),
    (action) => actions.push(action),
  );
  lab.onEvent((event) => orchestrator.handleEvent(event));
  return { lab, actions, orchestrator };
}

const config = {
  workload: 'cpu.primes',
  params: { limit: 20_000 },
  taskCount: 8,
  models: [{ model: 'worker-threads' as const, workers: 2 }],
} satisfies RunConfig;

const runDone = (runId: string, results: ModelResult[], isCancelled = false): LabEvent => ({
  type: 'run-done',
  runId,
  result: {
    runId,
    startedAt: new Date(0).toISOString(),
    config,
    results,
    isCancelled,
    interference: null,
    verdict: null,
    estimate: null,
  } satisfies RunResult,
});

/** A calibration as the engine reports it; tests override the size. */
const estimate: RunEstimate = {
  estimatedMs: 2000,
  rounds: 1,
  params: { limit: 20_000 },
  taskCount: 8,
  isSized: true,
  targetMs: 2000,
  calibrationMs: 300,
  models: [],
  note: 'about 2 s',
};

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RunOrchestrator', () => {
  it('applies engine events that arrive before startRun answers, and shows each result once', async () => {
    const { lab, actions, orchestrator } = setup();
    const done = orchestrator.run(config);
    lab.emit({ type: 'model-start', runId: 'r1', model: 'worker-threads', workers: 2 });
    lab.emit({ type: 'model-result', runId: 'r1', result: result('worker-threads') });
    lab.emit({ type: 'model-start', runId: 'old-run', model: 'event-loop', workers: 1 });
    lab.answer('r1');
    await settle();
    lab.emit(runDone('r1', [result('worker-threads')]));
    await done;
    expect(actions.filter((a) => a.type === 'model-start')).toHaveLength(1);
    expect(actions.filter((a) => a.type === 'result')).toHaveLength(1);
    expect(actions.at(-1)).toEqual({ type: 'finish', outcome: 'complete', message: undefined });
    expect(orchestrator.isBusy).toBe(false);
  });

  it('cancels the engine run on Stop and ends as cancelled', async () => {
    const { lab, actions, orchestrator } = setup();
    const done = orchestrator.run(config);
    lab.answer('r2');
    await settle();
    orchestrator.stop();
    expect(lab.cancelled).toEqual(['r2']);
    lab.emit({
      type: 'run-failed',
      runId: 'r2',
      error: { name: 'LabError', message: 'the run was cancelled', code: 'cancelled' },
      isCancelled: true,
    });
    await done;
    expect(actions).toContainEqual({ type: 'stopping' });
    expect(actions.at(-1)).toMatchObject({ type: 'finish', outcome: 'cancelled' });
  });

  it('ends as cancelled when the engine says another window stopped the run', async () => {
    const { lab, actions, orchestrator } = setup();
    const done = orchestrator.run(config);
    lab.answer('r6');
    await settle();
    lab.emit(runDone('r6', [], true));
    await done;
    expect(actions.at(-1)).toMatchObject({ type: 'finish', outcome: 'cancelled' });
  });

  it('cancels a run whose Stop came before startRun answered', async () => {
    const { lab, orchestrator } = setup();
    const done = orchestrator.run(config);
    orchestrator.stop();
    lab.answer('r3');
    await settle();
    expect(lab.cancelled).toEqual(['r3']);
    lab.emit(runDone('r3', []));
    await done;
  });

  it('fails the run when the connection to the engine drops', async () => {
    const { lab, actions, orchestrator } = setup();
    const done = orchestrator.run(config);
    lab.answer('r4');
    await settle();
    orchestrator.connectionLost();
    await done;
    expect(actions.at(-1)).toEqual({
      type: 'finish',
      outcome: 'failed',
      message: 'lost the connection to the engine',
    });
  });

  it("runs renderer-main in the page after the engine models, checked against the engine's reference", async () => {
    const { lab, actions, orchestrator } = setup();
    // Node has no Web Worker to compute a reference in: the page must reuse the engine's.
    const reference = getWorkload('cpu.primes').reference({ limit: 20_000 }, 8);
    const done = orchestrator.run({
      ...config,
      models: [
        { model: 'worker-threads', workers: 2 },
        { model: 'renderer-main', workers: 2 },
      ],
    });
    lab.answer('r5');
    await settle();
    expect(lab.started[0]!.models).toEqual([{ model: 'worker-threads', workers: 2 }]);
    lab.emit(
      runDone('r5', [
        result('worker-threads', { checksum: reference, expectedChecksum: reference }),
      ]),
    );
    await done;
    const results = actions.flatMap((a) => (a.type === 'result' ? [a.entry.result] : []));
    expect(results.map((r) => r.model)).toEqual(['worker-threads', 'renderer-main']);
    const page = results[1]!;
    expect(page).toMatchObject({ tasksDone: 8, verified: true, error: null, processes: [] });
    expect(page.frameDelay).toBeDefined();
    expect(page.timeline).toHaveLength(8);
    expect(actions.at(-1)).toMatchObject({ type: 'finish', outcome: 'complete' });
  });

  it('refuses an unknown workload before starting anything', async () => {
    const { lab, actions, orchestrator } = setup();
    await orchestrator.run({ ...config, workload: 'no.such' });
    expect(lab.started).toEqual([]);
    expect(actions).toEqual([
      expect.objectContaining({
        type: 'finish',
        outcome: 'failed',
        message: expect.stringMatching(/workload must be one of/),
      }),
    ]);
  });

  it("gives the page's models the size calibration picked, and runs them for every round", async () => {
    const { lab, actions, orchestrator } = setup();
    const sized: RunEstimate = { ...estimate, params: { limit: 30_000 }, taskCount: 16 };
    const reference = getWorkload('cpu.primes').reference({ limit: 30_000 }, 16);
    const done = orchestrator.run({
      workload: 'cpu.primes',
      params: {},
      rounds: 2,
      models: [
        { model: 'worker-threads', workers: 2 },
        { model: 'renderer-main', workers: 2 },
      ],
    });
    lab.answer('r7');
    await settle();
    lab.emit({ type: 'estimate', runId: 'r7', estimate: sized });
    lab.emit(
      runDone('r7', [
        result('worker-threads', {
          taskCount: 16,
          tasksDone: 16,
          checksum: reference,
          expectedChecksum: reference,
        }),
      ]),
    );
    await done;
    const page = actions.flatMap((a) =>
      a.type === 'result' && a.entry.result.model === 'renderer-main' ? [a.entry.result] : [],
    )[0]!;
    expect(page).toMatchObject({ taskCount: 16, tasksDone: 16, verified: true, rounds: 2 });
    expect(page.roundWallMs).toHaveLength(2);
    expect(actions).toContainEqual({ type: 'round', round: 2, rounds: 2 });
    // The verdict covers both hosts' models, worked out in the page.
    const verdicts = actions.flatMap((a) => (a.type === 'method' ? [a.method.verdict] : []));
    expect(verdicts.at(-1)).toMatch(/faster than|within noise|about the same time/);
  });

  it('calibrates a run of page models alone with engine models of the same shape', async () => {
    const { lab, actions, orchestrator } = setup();
    lab.estimate = { ...estimate, params: { limit: 24_000 }, taskCount: 12 };
    rememberReference(
      'cpu.primes',
      { limit: 24_000 },
      12,
      getWorkload('cpu.primes').reference({ limit: 24_000 }, 12),
    );
    await orchestrator.run({
      workload: 'cpu.primes',
      params: {},
      models: [{ model: 'renderer-main', workers: 3 }],
    });
    expect(lab.started).toEqual([]);
    expect(lab.estimated.map((c) => c.models)).toEqual([[{ model: 'event-loop', workers: 3 }]]);
    const results = actions.flatMap((a) => (a.type === 'result' ? [a.entry.result] : []));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ model: 'renderer-main', taskCount: 12, verified: true });
    // The page cannot measure other load: it says so (null) rather than claiming quiet; one
    // thread on 2 cores is not oversubscribed however many tasks are in flight.
    const interference = actions.flatMap((a) =>
      a.type === 'method' && a.method.interference ? [a.method.interference] : [],
    )[0];
    expect(interference).toMatchObject({
      otherLoadCores: null,
      parallelWorkers: 1,
      logicalCores: 2,
      flagged: false,
    });
  });

  it('keeps an explicit size for the page and asks for no calibration', async () => {
    const { lab, actions, orchestrator } = setup();
    const reference = getWorkload('cpu.primes').reference({ limit: 20_000 }, 8);
    rememberReference('cpu.primes', { limit: 20_000 }, 8, reference);
    await orchestrator.run({ ...config, models: [{ model: 'renderer-main', workers: 1 }] });
    expect(lab.estimated).toEqual([]);
    const results = actions.flatMap((a) => (a.type === 'result' ? [a.entry.result] : []));
    expect(results[0]).toMatchObject({ taskCount: 8, verified: true });
  });
});
