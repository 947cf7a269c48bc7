/**
 * Live runs in the engine (issue 16), on real threads and processes: samples arrive, a
 * resize takes effect and is reported, the task size changes, a cancel drains the pools
 * and every task's checksum is checked; setWorkers refuses bad input with a clear error;
 * nothing is left running after Stop.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import type { LabEvent } from '../../../../src/shared/lab-api';
import type { LiveResult } from '../../../../src/shared/live/live-schema';
import type { CoreSample } from '../../../../src/shared/results';
import { handleLabRequest } from '../../../../src/shared/lab-server-core';
import { LabError } from '../../../../src/shared/errors';
import { builtScripts } from '../../../helpers/built';
import { childPids, waitFor } from '../../../helpers/processes';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'], maxWorkers: 4 });
afterAll(() => engine.close());

/** Collects this run's events; `until` resolves with the first that matches. */
function watch(runId: () => string | null) {
  const events: LabEvent[] = [];
  const waiters: { match: (e: LabEvent) => boolean; resolve: (e: LabEvent) => void }[] = [];
  const off = engine.onEvent((event) => {
    if (event.runId !== runId()) return;
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const until = (match: (e: LabEvent) => boolean): Promise<LabEvent> => {
    const seen = events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return { events, until, off };
}

async function refusal(call: Promise<unknown>): Promise<LabError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('a live run', () => {
  it('samples, resizes, changes task size and ends by Stop with every checksum checked', async () => {
    let runId: string | null = null;
    const watcher = watch(() => runId);
    ({ runId } = await engine.startLive({
      workload: 'cpu.primes',
      models: [
        { model: 'worker-threads', workers: 1 },
        { model: 'child-process', workers: 1 },
      ],
      taskUs: 2000,
    }));
    for (const model of ['worker-threads', 'child-process']) {
      await watcher.until(
        (e) => e.type === 'live-sample' && e.sample.model === model && e.sample.tasksPerSec > 0,
      );
    }
    await engine.setWorkers(runId, 'worker-threads', 2);
    await engine.setWorkers(runId, 'child-process', 2);
    for (const model of ['worker-threads', 'child-process']) {
      const resized = await watcher.until(
        (e) => e.type === 'live-resize' && e.resize.model === model,
      );
      expect(resized.type === 'live-resize' && resized.resize.firstTaskAtMs).not.toBeNull();
    }
    await engine.setTaskSize(runId, 200);
    await watcher.until(
      (e) => e.type === 'live-sample' && e.sample.taskUs === 200 && e.sample.workers === 2,
    );
    await new Promise((r) => setTimeout(r, 600));
    await engine.cancel(runId);
    const done = await watcher.until((e) => e.type === 'live-done');
    watcher.off();
    const result = (done as { result: LiveResult }).result;
    expect(result.isCancelled).toBe(true);
    for (const model of result.models) {
      expect(model.error).toBeNull();
      expect(model.checksumVerified, model.checksumNote ?? '').toBe(true);
      expect(model.checksumNote).toMatch(/all matched; none lost, none run twice/);
      expect(model.tasksDone).toBeGreaterThan(0);
      expect(model.resizes).toHaveLength(1);
      expect(model.resizes[0]).toMatchObject({ from: 1, to: 2 });
      expect(model.steps.map((s) => [s.workers, s.taskUs])).toEqual([
        [1, 2000],
        [2, 2000],
        [2, 200],
      ]);
      expect(model.samples.length).toBeGreaterThan(4);
    }
    expect(await waitFor(() => childPids().length === 0, 3000)).toBe(true);
  });

  it('ramps 1…3 workers and ends by itself after the last step, with a fit', async () => {
    let runId: string | null = null;
    const watcher = watch(() => runId);
    ({ runId } = await engine.startLive({
      workload: 'cpu.primes',
      models: [{ model: 'event-loop', workers: 1 }],
      taskUs: 1000,
      ramp: { from: 1, to: 3, stepS: 0.5 },
    }));
    expect((await refusal(engine.setWorkers(runId, 'event-loop', 2))).message).toMatch(
      /set by the ramp/,
    );
    const done = await watcher.until((e) => e.type === 'live-done');
    watcher.off();
    const result = (done as { result: LiveResult }).result;
    expect(result.isCancelled).toBe(false);
    const [model] = result.models;
    expect(model!.steps.map((s) => s.workers)).toEqual([1, 2, 3]);
    for (const step of model!.steps) expect(step.durationMs).toBeGreaterThanOrEqual(450);
    expect(model!.checksumVerified, model!.checksumNote ?? '').toBe(true);
    expect(result.fit?.distinctWorkers).toBe(3);
  });
});

describe.skipIf(process.platform !== 'linux')('a live run’s core samples', () => {
  it('name the model and worker on each core while it runs, and none after Stop', async () => {
    const named: CoreSample[] = [];
    const off = engine.onCoreSample((sample) => {
      if (sample.occupants?.some((o) => o !== null)) named.push(sample);
    });
    let runId: string | null = null;
    const watcher = watch(() => runId);
    ({ runId } = await engine.startLive({
      workload: 'cpu.primes',
      models: [{ model: 'worker-threads', workers: 2 }],
      taskUs: 2000,
    }));
    expect(await waitFor(() => named.length >= 5, 20_000)).toBe(true);
    await engine.cancel(runId);
    await watcher.until((e) => e.type === 'live-done');
    watcher.off();
    off();
    for (const sample of named) {
      for (const occupant of sample.occupants!) {
        if (!occupant) continue;
        expect(occupant.model).toBe('worker-threads');
        expect(occupant.workers).toHaveLength(1);
        // Workers 0 and 1, or the warm standby (2) once it has taken a task.
        expect(occupant.workers[0]).toBeLessThanOrEqual(2);
      }
    }
    const after = await new Promise<CoreSample>((resolve) => {
      const stop = engine.onCoreSample((sample) => {
        stop();
        resolve(sample);
      });
    });
    expect(after.occupants).toBeUndefined();
  });
});

describe('setWorkers and startLive refuse', () => {
  it('an unknown run, a model not in the run, and counts out of range', async () => {
    expect((await refusal(engine.setWorkers('nope', 'worker-threads', 2))).code).toBe('not-found');
    const { runId } = await engine.startLive({
      workload: 'cpu.primes',
      models: [{ model: 'worker-threads', workers: 1 }],
      taskUs: 1000,
    });
    const ended = new Promise((resolve) => {
      const off = engine.onEvent((e) => {
        if (e.runId === runId && e.type === 'live-done') resolve(off());
      });
    });
    const notIn = await refusal(engine.setWorkers(runId, 'child-process', 2));
    expect(notIn.code).toBe('not-found');
    expect(notIn.message).toMatch(/child-process is not a model of this live run/);
    const tooMany = await refusal(engine.setWorkers(runId, 'worker-threads', 5));
    expect(tooMany.code).toBe('invalid-argument');
    expect(tooMany.message).toMatch(/at most 4/);
    // Over the wire, the schema refuses what is not a whole number >= 1, naming the field.
    for (const workers of [0, 1.5, '2']) {
      const reply = await handleLabRequest(engine, {
        type: 'request',
        id: 1,
        method: 'setWorkers',
        args: [runId, 'worker-threads', workers],
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(JSON.stringify(reply)).toMatch(/args\[2\]/);
    }
    // Stopped while it calibrates: an ending, not a failure.
    await engine.cancel(runId);
    await ended;
  });

  it('a workload that cannot run live, and a model this host cannot run', async () => {
    const io = await refusal(
      engine.startLive({
        workload: 'io.sleep',
        models: [{ model: 'worker-threads', workers: 1 }],
        taskUs: 1000,
      }),
    );
    expect(io.message).toMatch(/io.sleep cannot run live: .*cpu.primes/);
    const python = await refusal(
      engine.startLive({
        workload: 'cpu.primes',
        models: [{ model: 'python-threading', workers: 1 }],
        taskUs: 1000,
      }),
    );
    // This engine ships no Python worker script: the model is unavailable, and says why.
    // (Python's live runs, where it is available: python-live.test.ts.)
    expect(python.code).toBe('unavailable');
    expect(python.message).toMatch(/Python threading: .*not part of this build/);
    const capabilities = await engine.getCapabilities();
    expect(capabilities.models.find((m) => m.id === 'child-process')).toMatchObject({
      canResize: true,
      resizeReason: null,
    });
  });
});
