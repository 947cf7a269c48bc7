/**
 * The shared live loop on a host of in-process workers (slots on this thread, as the page's
 * renderer-main and the engine's event loop run them): samples, a resize, a task size
 * change and Stop, every task checked against the host's references; a wrong reference is
 * caught; a stop while calibrating ends cleanly; refusals name the rule.
 */
import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import type { LabEvent } from '../../../../src/shared/lab-api';
import { calibrateLiveCost } from '../../../../src/shared/live/live-calibration';
import { checkLiveConfig, LiveRun, type LiveHost } from '../../../../src/shared/live/live-run';
import type { LiveConfig } from '../../../../src/shared/live/live-schema';
import type { ModelId } from '../../../../src/shared/models';
import { createInProcessWorker } from '../../../../src/shared/pool/in-process-worker';
import { getWorkload } from '../../../../src/shared/workloads/registry';

const timerEnv = () => ({ sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) });

/** In-process workers; `skew` shifts every reference (a host whose references are wrong). */
function inProcessHost(options: { skew?: number; unitCost?: () => Promise<number> } = {}) {
  const opened: ModelId[] = [];
  const finished: ModelId[] = [];
  const host: LiveHost = {
    maxWorkers: 4,
    unavailableReason: (model) => (model === 'python-threading' ? 'no Python here' : null),
    openWorkers: (model) => {
      opened.push(model);
      return {
        spawn: () => createInProcessWorker(timerEnv),
        finish: async () => void finished.push(model),
      };
    },
    unitCost:
      options.unitCost ??
      ((workload, params, signal) =>
        calibrateLiveCost(
          new Map(),
          workload,
          params,
          () => ({ spawn: () => createInProcessWorker(timerEnv), finish: async () => undefined }),
          signal,
        )),
    taskChecksums: async (workload, params, taskCount) =>
      getWorkload(workload).taskReferences!(params, taskCount).map(
        (checksum) => checksum + (options.skew ?? 0),
      ),
  };
  return { host, opened, finished };
}

function start(host: LiveHost, config: LiveConfig) {
  const controller = new AbortController();
  const events: LabEvent[] = [];
  const run = new LiveRun(host, checkLiveConfig(host, config), {
    runId: 'test-live',
    signal: controller.signal,
    onEvent: (event) => events.push(event),
  });
  const until = async (match: (e: LabEvent) => boolean, timeoutMs = 10_000): Promise<LabEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for a live event');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { run, controller, events, until };
}

const PRIMES_CONFIG: LiveConfig = {
  workload: 'cpu.primes',
  models: [
    { model: 'event-loop', workers: 1 },
    { model: 'renderer-main', workers: 1 },
  ],
  taskUs: 1000,
};

describe('the shared live loop', () => {
  it('samples, resizes, changes task size and ends by Stop with every task checked', async () => {
    const { host, opened, finished } = inProcessHost();
    const { run, controller, until } = start(host, PRIMES_CONFIG);
    await until((e) => e.type === 'live-sample' && e.sample.tasksPerSec > 0);
    const resize = await run.setWorkers('renderer-main', 3);
    expect(resize).toMatchObject({ model: 'renderer-main', from: 1, to: 3 });
    expect(resize.firstTaskAtMs).not.toBeNull();
    await until(
      (e) =>
        e.type === 'live-sample' && e.sample.model === 'renderer-main' && e.sample.workers === 3,
    );
    run.setTaskSize(200);
    await until((e) => e.type === 'live-sample' && e.sample.taskUs === 200);
    controller.abort();
    const result = await run.result;
    expect(result.isCancelled).toBe(true);
    expect(opened).toEqual(['event-loop', 'renderer-main']);
    expect(finished.sort()).toEqual(['event-loop', 'renderer-main']);
    for (const model of result.models) {
      expect(model.error).toBeNull();
      expect(model.tasksDone).toBeGreaterThan(0);
      expect(model.checksumVerified).toBe(true);
      expect(model.checksumNote).toContain('2 task sizes');
      expect(model.checksumNote).toContain('all matched');
    }
    const main = result.models.find((m) => m.model === 'renderer-main')!;
    expect(main.resizes).toEqual([resize]);
    expect(main.steps.map((s) => [s.workers, s.taskUs])).toEqual([
      [1, 1000],
      [3, 1000],
      [3, 200],
    ]);
  });

  it('sends no sample while Stop drains the pool: the count does not seem to fall', async () => {
    const { host } = inProcessHost();
    const { run, controller, events, until } = start(host, {
      ...PRIMES_CONFIG,
      models: [{ model: 'renderer-main', workers: 2 }],
      // Long tasks: the drain outlasts a sample period.
      taskUs: 200_000,
    });
    await until((e) => e.type === 'live-sample' && e.sample.tasksDone > 0);
    controller.abort();
    const sentBeforeStop = events.length;
    const result = await run.result;
    expect(events.slice(sentBeforeStop)).toEqual([]);
    expect(result.models[0]!.samples.every((s) => s.workers === 2)).toBe(true);
    expect(result.models[0]!.checksumVerified).toBe(true);
  });

  it('catches tasks whose checksums differ from the reference', async () => {
    const { host } = inProcessHost({ skew: 1 });
    const { run, controller, until } = start(host, {
      ...PRIMES_CONFIG,
      models: [PRIMES_CONFIG.models[1]!],
    });
    await until((e) => e.type === 'live-sample' && e.sample.tasksDone > 0);
    controller.abort();
    const [model] = (await run.result).models;
    expect(model!.checksumVerified).toBe(false);
    expect(model!.checksumNote).toMatch(/checksums did not match the reference/);
  });

  it('ends a ramp by itself after its last step, each step at its count', async () => {
    const { host } = inProcessHost();
    const { run } = start(host, {
      ...PRIMES_CONFIG,
      models: [{ model: 'renderer-main', workers: 1 }],
      ramp: { from: 1, to: 3, stepS: 0.4 },
    });
    expect(() => run.setWorkers('renderer-main', 2)).toThrow(/set by the ramp/);
    const result = await run.result;
    expect(result.isCancelled).toBe(false);
    expect(result.models[0]!.steps.map((s) => s.workers)).toEqual([1, 2, 3]);
    expect(result.models[0]!.checksumVerified).toBe(true);
  });

  it('ends cleanly when stopped while calibrating: no worker opened, nothing to check', async () => {
    let release = (): void => undefined;
    const { host, opened } = inProcessHost({
      unitCost: () => new Promise((resolve) => (release = () => resolve(0.01))),
    });
    const { run, controller } = start(host, PRIMES_CONFIG);
    expect(() => run.setWorkers('renderer-main', 2)).toThrow(/still calibrating/);
    controller.abort();
    release();
    const result = await run.result;
    expect(opened).toEqual([]);
    expect(result.models.map((m) => m.checksumVerified)).toEqual([null, null]);
  });

  it('refuses a model its host cannot run, a count over its limit, and an unknown model', async () => {
    const { host } = inProcessHost();
    const refused = (config: LiveConfig): LabError => {
      try {
        checkLiveConfig(host, config);
      } catch (error) {
        expect(error).toBeInstanceOf(LabError);
        return error as LabError;
      }
      throw new Error('accepted');
    };
    expect(
      refused({ ...PRIMES_CONFIG, models: [{ model: 'python-threading', workers: 1 }] }).message,
    ).toMatch(/no Python here/);
    expect(
      refused({ ...PRIMES_CONFIG, models: [{ model: 'renderer-main', workers: 5 }] }).message,
    ).toMatch(/at most 4/);
    const { run, controller, until } = start(host, PRIMES_CONFIG);
    await until((e) => e.type === 'live-sample');
    expect(() => run.setWorkers('web-workers', 2)).toThrow(/not a model of this live run/);
    expect(() => run.setWorkers('renderer-main', 0)).toThrow(/integer >= 1/);
    expect(() => run.setWorkers('renderer-main', 9)).toThrow(/at most 4/);
    controller.abort();
    await run.result;
  });
});
