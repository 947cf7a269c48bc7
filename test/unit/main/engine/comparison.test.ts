import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import { LabError } from '../../../../src/shared/errors';
import type { ModelId } from '../../../../src/shared/models';
import { builtScripts } from '../../../helpers/built';
import { childPids, waitFor } from '../../../helpers/processes';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'], maxWorkers: 8 });
afterAll(() => engine.close());

const NODE_MODELS: ModelId[] = ['event-loop', 'worker-threads', 'child-process'];

describe('a comparison run', () => {
  it('counts π(10^6) = 78498 primes and every model agrees on the checksum', async () => {
    const run = await engine.run({
      workload: 'cpu.primes',
      params: { limit: 1_000_000 },
      taskCount: 40,
      models: NODE_MODELS.map((model) => ({ model, workers: 2 })),
    });
    expect(run.results.map((r) => r.model)).toEqual(NODE_MODELS);
    const checksums = new Set(run.results.map((r) => r.checksum));
    expect(checksums.size).toBe(1);
    for (const result of run.results) {
      expect(result.verified).toBe(true);
      expect(result.error).toBeNull();
      expect(result.tasksDone).toBe(40);
      expect(result.timeline).toHaveLength(40);
      expect(result.isPartial).toBe(false);
    }
  });

  it('measures start-up, latency, busy fractions, CPU time and memory per model', async () => {
    const run = await engine.run({
      workload: 'cpu.hash',
      taskCount: 12,
      models: [
        { model: 'worker-threads', workers: 2 },
        { model: 'child-process', workers: 2 },
      ],
    });
    for (const result of run.results) {
      expect(result.startupMs).toBeGreaterThan(0);
      // The work's time alone: every task ran after start-up, within wallMs of its end.
      expect(result.wallMs).toBeGreaterThan(0);
      for (const entry of result.timeline) {
        expect(entry.startMs).toBeGreaterThanOrEqual(result.startupMs - 1);
      }
      expect(result.latency.p50Ms).toBeGreaterThan(0);
      expect(result.latency.p99Ms).toBeGreaterThanOrEqual(result.latency.p50Ms);
      expect(result.workerBusyFraction).toHaveLength(2);
      expect(result.workerBusyFraction.every((f) => f > 0 && f <= 1)).toBe(true);
      expect(result.cpuTimeMs).toBeGreaterThan(0);
      expect(result.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
      expect(new Set(result.timeline.map((e) => e.worker))).toEqual(new Set([0, 1]));
      for (const entry of result.timeline)
        expect(entry.endMs).toBeGreaterThanOrEqual(entry.startMs);
    }
    // Each child process reports its own CPU time and peak memory; threads share ours.
    const children = run.results[1]!.processes.filter((p) => p.label.startsWith('worker'));
    expect(children).toHaveLength(2);
    expect(
      children.every((p) => p.pid !== process.pid && p.cpuUserMs > 0 && p.peakRssBytes > 0),
    ).toBe(true);
    expect(run.results[0]!.processes).toHaveLength(1);
  });

  it('runs I/O workloads against a real temp folder and loopback server', async () => {
    // Small sizes: what is checked is each answer, not how long the waits and files are.
    for (const [workload, params] of [
      ['io.sleep', { latencyMs: 5 }],
      ['io.file', { bytes: 4099 }],
      ['io.http', { bytes: 2049, latencyMs: 5 }],
      ['mixed', { rounds: 1, latencyMs: 5 }],
    ] as const) {
      const run = await engine.run({
        workload,
        params,
        taskCount: 8,
        models: NODE_MODELS.map((model) => ({ model, workers: 4 })),
      });
      for (const result of run.results) {
        expect(result.error, `${workload} on ${result.model}`).toBeNull();
        expect(result.verified, `${workload} on ${result.model}`).toBe(true);
      }
    }
  });

  it('gives the event loop concurrency without parallelism on I/O: 8 in flight beat 1', async () => {
    const run = await engine.run({
      workload: 'io.sleep',
      params: { latencyMs: 50 },
      taskCount: 16,
      models: [
        { model: 'event-loop', workers: 1 },
        { model: 'event-loop', workers: 8 },
      ],
    });
    const [serial, concurrent] = run.results;
    // 16 × 50 ms one at a time is ≥ 800 ms; 8 in flight need two rounds, ~100 ms.
    expect(serial!.wallMs).toBeGreaterThan(780);
    expect(concurrent!.wallMs).toBeLessThan(serial!.wallMs / 3);
  });
});

describe('refusing bad options', () => {
  it.each([
    [
      { workload: 'cpu.nope', models: [{ model: 'event-loop', workers: 1 }] },
      /workload must be one of/,
    ],
    [
      { workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 9 }] },
      /workers for event-loop must be between 1 and 8/,
    ],
    [
      { workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 0 }] },
      /models\[0\]\.workers/,
    ],
    [
      {
        workload: 'cpu.primes',
        params: { limit: 1 },
        models: [{ model: 'event-loop', workers: 1 }],
      },
      /limit must be/,
    ],
    [
      {
        workload: 'cpu.primes',
        params: { bogus: 1 },
        models: [{ model: 'event-loop', workers: 1 }],
      },
      /bogus/,
    ],
    [{ workload: 'cpu.primes', models: [] }, /models/],
    [
      { workload: 'cpu.primes', models: [{ model: 'utility-process', workers: 1 }] },
      /needs the Corelab desktop app/,
    ],
  ])('refuses %j', async (config, message) => {
    const error = await engine.run(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toMatch(message);
  });
});

describe('cancel and failures', () => {
  it('cancel stops every worker within a second and leaves no process behind', async () => {
    for (const model of ['worker-threads', 'child-process', 'event-loop'] as const) {
      const controller = new AbortController();
      let cancelledAt = 0;
      const running = engine.run(
        {
          workload: 'cpu.primes',
          params: { limit: 30_000_000 },
          taskCount: 400,
          models: [{ model, workers: 2 }],
        },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'progress' && event.done >= 2 && !cancelledAt) {
              cancelledAt = performance.now();
              controller.abort();
            }
          },
        },
      );
      const run = await running;
      const stopMs = performance.now() - cancelledAt;
      expect(run.isCancelled).toBe(true);
      expect(run.results[0]!.isPartial).toBe(true);
      expect(stopMs, model).toBeLessThan(1000);
      expect(await waitFor(() => childPids().length === 0, 1000)).toBe(true);
    }
  });

  it('a worker process that dies mid-run is reported; the others finish; the result is partial', async () => {
    let killed = 0;
    const run = await engine.run(
      {
        workload: 'cpu.primes',
        params: { limit: 4_000_000 },
        taskCount: 60,
        models: [{ model: 'child-process', workers: 2 }],
      },
      {
        onEvent: (event) => {
          if (event.type === 'progress' && event.done >= 3 && !killed) {
            const [victim] = childPids();
            if (victim) {
              process.kill(victim, 'SIGKILL');
              killed = victim;
            }
          }
        },
      },
    );
    const [result] = run.results;
    expect(killed).toBeGreaterThan(0);
    expect(result!.isPartial).toBe(true);
    expect(result!.verified).toBe(false);
    expect(result!.error?.message).toMatch(/worker \d was killed by SIGKILL/);
    expect(result!.failures).toHaveLength(1);
    // The surviving worker took over every remaining task but the lost one.
    expect(result!.tasksDone).toBe(59);
    expect(await waitFor(() => childPids().length === 0, 1000)).toBe(true);
  });

  it('a busy engine refuses a second run instead of sharing the cores', async () => {
    const { runId } = await engine.startRun({
      workload: 'io.sleep',
      taskCount: 20,
      models: [{ model: 'event-loop', workers: 1 }],
    });
    await expect(
      engine.startRun({ workload: 'io.sleep', models: [{ model: 'event-loop', workers: 1 }] }),
    ).rejects.toThrow(/already in progress/);
    const done = new Promise((resolve) =>
      engine.onEvent((e) => e.type === 'run-done' && resolve(e)),
    );
    await engine.cancel(runId);
    const event = (await done) as { runId: string; result: { isCancelled: boolean } };
    expect(event.runId).toBe(runId);
    expect(event.result.isCancelled).toBe(true);
    await expect(engine.cancel(runId)).rejects.toThrow(/no active run/);
  });
});

describe('an estimate', () => {
  it('gives way to a run started while it calibrates, and says why', async () => {
    // The default cpu.primes size: calibrating it takes probes of a second or more here.
    const estimate = engine.estimateRun({
      workload: 'cpu.primes',
      models: [{ model: 'worker-threads', workers: 2 }],
    });
    // Started at once, the run is not refused: the estimate stops and the run goes on.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const done = new Promise<{ result: { results: { verified: boolean }[] } }>((resolve) =>
      engine.onEvent((e) => e.type === 'run-done' && resolve(e as never)),
    );
    await engine.startRun({
      workload: 'io.sleep',
      taskCount: 4,
      models: [{ model: 'event-loop', workers: 2 }],
    });
    await expect(estimate).rejects.toThrow(/a run started; the estimate waits until it ends/);
    expect((await done).result.results[0]!.verified).toBe(true);
    // While the run goes on, a new estimate is still refused.
    const { runId } = await engine.startRun({
      workload: 'io.sleep',
      taskCount: 20,
      models: [{ model: 'event-loop', workers: 1 }],
    });
    await expect(
      engine.estimateRun({ workload: 'io.sleep', models: [{ model: 'event-loop', workers: 1 }] }),
    ).rejects.toThrow(/the estimate waits until it ends/);
    await engine.cancel(runId);
  });
});

describe('a live run started during an estimate', () => {
  it('answers setWorkers as soon as startLive has answered', async () => {
    const estimate = engine.estimateRun({
      workload: 'cpu.primes',
      models: [{ model: 'worker-threads', workers: 2 }],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const done = new Promise((resolve) =>
      engine.onEvent((e) => e.type === 'live-done' && resolve(e)),
    );
    const { runId } = await engine.startLive({
      workload: 'cpu.primes',
      models: [{ model: 'worker-threads', workers: 1 }],
      taskUs: 2000,
    });
    // No "no active live run with id": the run is open the moment startLive resolves.
    const resizeError = engine.setWorkers(runId, 'worker-threads', 2).then(
      () => null,
      (error: unknown) => error,
    );
    await expect(estimate).rejects.toThrow(/the estimate waits until it ends/);
    await engine.cancel(runId);
    expect(String(await resizeError)).not.toMatch(/no active live run/);
    await done;
  });
});

describe('a sweep', () => {
  it('measures 1..K workers and fits what three worker counts can carry', async () => {
    const sweep = await engine.sweep({
      workload: 'cpu.primes',
      params: { limit: 2_000_000 },
      taskCount: 40,
      model: 'worker-threads',
      maxWorkers: 3,
    });
    expect(sweep.points.map((p) => p.workers)).toEqual([1, 2, 3]);
    expect(sweep.points[0]!.speedup).toBe(1);
    expect(sweep.results.every((r) => r.verified)).toBe(true);
    // Three worker counts, three rounds each: one observation per round.
    expect(sweep.fit.observations).toBe(9);
    expect(sweep.fit.amdahl!.serialFraction).toBeGreaterThanOrEqual(0);
    expect(sweep.fit.amdahl!.serialFraction).toBeLessThanOrEqual(1);
    // Three worker counts carry Amdahl's two coefficients, not the USL's three.
    expect(sweep.fit.usl).toBeNull();
  });
});
