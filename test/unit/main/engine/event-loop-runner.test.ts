/**
 * The event-loop model on a worker thread of its own (out/workers/event-loop-host.js): still
 * one event loop whose tasks interleave at each await, while the engine's loop (this test's)
 * keeps turning, and every thread of a run is gone after it, cancelled or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventLoopRunner,
  threadEventLoopRunner,
} from '../../../../src/main/engine/event-loop-runner';
import { forkNodeProcess } from '../../../../src/main/engine/node-spawn';
import { isFromSharedThread } from '../../../../src/shared/pool/shared-thread';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import { runModel } from '../../../../src/main/engine/model-run';
import { builtHost, builtScripts } from '../../../helpers/built';
import { threadCount, waitFor } from '../../../helpers/processes';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'], maxWorkers: 8 });
let baselineThreads: number | null = null;

beforeAll(async () => {
  // The first run starts libuv's thread pool, which stays; count threads after it.
  await engine.run({
    workload: 'io.sleep',
    taskCount: 2,
    models: [{ model: 'event-loop', workers: 2 }],
  });
  baselineThreads = threadCount();
});
afterAll(() => engine.close());

/** Resolves once the process has no more threads than before the tests. */
async function noThreadLeft(): Promise<boolean> {
  if (baselineThreads === null) return true;
  return waitFor(() => (threadCount() ?? 0) <= baselineThreads!, 3000);
}

/** The worst lateness of a 10 ms timer on this (the engine's) thread while `body` runs. */
async function worstLatenessDuring<T>(
  body: () => Promise<T>,
): Promise<{ value: T; lateMs: number }> {
  let lateMs = 0;
  let lastMs = performance.now();
  const ticker = setInterval(() => {
    const nowMs = performance.now();
    lateMs = Math.max(lateMs, nowMs - lastMs - 10);
    lastMs = nowMs;
  }, 10);
  try {
    return { value: await body(), lateMs };
  } finally {
    clearInterval(ticker);
  }
}

describe('the event-loop model on its own thread', () => {
  it('computes while the engine’s loop keeps turning, and reports both loops', async () => {
    // 8 tasks of about an eighth of 6 M numbers each: a task holds its loop for a hundred ms
    // or more (2-core machine), which the engine's loop must not feel.
    const { value: run, lateMs } = await worstLatenessDuring(() =>
      engine.run({
        workload: 'cpu.primes',
        params: { limit: 6_000_000 },
        taskCount: 8,
        models: [{ model: 'event-loop', workers: 2 }],
      }),
    );
    const [result] = run.results;
    expect(result!.verified).toBe(true);
    const taskMs = Math.min(...result!.timeline.map((t) => t.endMs - t.startMs));
    // The model's own loop was blocked for whole tasks; the engine's was not.
    expect(result!.eventLoopDelay!.maxMs).toBeGreaterThan(taskMs / 2);
    expect(result!.engineLoopDelay!.p99Ms).toBeLessThan(result!.eventLoopDelay!.p99Ms / 2);
    expect(lateMs).toBeLessThan(taskMs / 2);
    expect(await noThreadLeft()).toBe(true);
  });

  it('interleaves the tasks in flight on one thread at each await', async () => {
    const run = await engine.run({
      workload: 'io.sleep',
      params: { latencyMs: 200 },
      taskCount: 8,
      models: [{ model: 'event-loop', workers: 8 }],
    });
    const [result] = run.results;
    expect(result!.tasksDone).toBe(8);
    // Eight 200 ms waits at once take about 200 ms, not 1.6 s.
    const workMs = result!.wallMs - result!.startupMs;
    expect(workMs).toBeLessThan(800);
    // One process, one pid: every slot reported the host's.
    expect(new Set(result!.processes.map((p) => p.pid))).toEqual(new Set([process.pid]));
  });

  it('stops a CPU-bound run at once on cancel, its thread ended', async () => {
    const controller = new AbortController();
    const startMs = performance.now();
    const running = engine.run(
      { workload: 'cpu.primes', taskCount: 4, models: [{ model: 'event-loop', workers: 1 }] },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 500);
    const run = await running;
    expect(run.isCancelled).toBe(true);
    // A task of a quarter of 15 M numbers takes seconds here; the cancel does not wait for it.
    expect(performance.now() - startMs).toBeLessThan(2000);
    expect(await noThreadLeft()).toBe(true);
  });

  it('runs in a process of its own too (the app’s path), which reports its own usage', async () => {
    // The same host script the app starts as a utility process, forked here: both talk
    // through parent-channel.ts.
    const runner = eventLoopRunner(
      () => forkNodeProcess(builtHost('event-loop-host'), { isMessage: isFromSharedThread }),
      false,
    );
    const result = await runModel({
      runner,
      runId: 'r',
      workers: 4,
      workload: 'io.sleep',
      params: { latencyMs: 100 },
      taskCount: 8,
      io: {},
      expectedChecksum: null,
    });
    expect(result.tasksDone).toBe(8);
    expect(result.wallMs - result.startupMs).toBeLessThan(800);
    const host = result.processes.find((p) => p.label === 'event loop');
    expect(host?.pid).not.toBe(process.pid);
    expect(host?.cpuUserMs).toBeGreaterThan(0);
    expect(new Set(result.timeline.map((t) => t.worker))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('fails the run with the host’s own error when the host cannot start', async () => {
    const result = await runModel({
      runner: threadEventLoopRunner('/nonexistent/event-loop-host.js'),
      runId: 'r',
      workers: 2,
      workload: 'io.sleep',
      params: { latencyMs: 1 },
      taskCount: 4,
      io: {},
      expectedChecksum: null,
    });
    expect(result.tasksDone).toBe(0);
    expect(result.error?.message).toMatch(/^worker \d failed: .*nonexistent/);
  });
});
