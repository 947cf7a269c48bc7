/**
 * The Python models through the engine: verified against the JavaScript reference, measured
 * like the other models, and leaving no process behind (the GIL's lesson: test/lessons).
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import { detectPython } from '../../../../src/main/engine/python-detect';
import { PYTHON_WORKLOADS, type PythonModelId } from '../../../../src/main/engine/python-protocol';
import { LabError } from '../../../../src/shared/errors';
import type { RunEvent } from '../../../../src/shared/run-events';
import { WORKLOADS } from '../../../../src/shared/workloads/registry';
import { builtScripts } from '../../../helpers/built';
import { descendantPids, isAlive, waitFor } from '../../../helpers/processes';

const python = await detectPython();
if (!python.available) console.warn(`skipping the Python model tests: ${python.reason}`);

const engine = createLabEngine({
  workerScripts: { ...builtScripts, python: resolve('out/python') },
  runtimes: ['node'],
  maxWorkers: 8,
});
afterAll(() => engine.close());

const PYTHON_MODELS: PythonModelId[] = [
  'python-multiprocessing',
  'python-threading',
  'python-asyncio',
];

/**
 * A run that is still going, mid-task, when its first task is in: 48 tasks of a few tenths
 * of a second of Python each. At most an eighth of the default size, so the engine does not probe it
 * for an estimate first (seconds of Python that no test here needs).
 */
const LONG_PRIMES = { limit: 3_000_000 };
const LONG_TASKS = 48;

describe.skipIf(!python.available)('the Python models', () => {
  it('offers them, with the python runtime, where Python 3.8+ is found', async () => {
    const capabilities = await engine.getCapabilities();
    expect(capabilities.runtimes).toContain('python');
    for (const id of PYTHON_MODELS) {
      expect(capabilities.models.find((m) => m.id === id)?.unavailableReason).toBeNull();
    }
  });

  it('lists in Capabilities, with the reason, each workload a model cannot run', async () => {
    const capabilities = await engine.getCapabilities();
    const reasonsOf = (id: string) => capabilities.models.find((m) => m.id === id)!.workloadReasons;
    const unported = WORKLOADS.filter((w) => !PYTHON_WORKLOADS.includes(w.id)).map((w) => w.id);
    expect(unported).toContain('fault.exit');
    for (const id of PYTHON_MODELS) {
      expect(Object.keys(reasonsOf(id)).sort()).toEqual([...unported].sort());
      expect(reasonsOf(id)['fault.exit']).toBe('fault.exit has no Python port');
    }
    expect(reasonsOf('event-loop')['fault.exit']).toMatch(/would end the one thread/);
    expect(reasonsOf('event-loop')['cpu.primes']).toBeUndefined();
    expect(reasonsOf('worker-threads')).toEqual({});
  });

  it('refuses, with the reason, the workloads that have no Python port', async () => {
    for (const { id } of WORKLOADS.filter((w) => !PYTHON_WORKLOADS.includes(w.id))) {
      const error = await engine
        .run({ workload: id, models: [{ model: 'python-asyncio', workers: 1 }] })
        .catch((e: unknown) => e);
      expect(error, id).toBeInstanceOf(LabError);
      expect((error as LabError).message).toBe(`${id} has no Python port (python-asyncio)`);
    }
  });

  it.each([
    ['cpu.primes', { limit: 50_000 }, 8],
    ['cpu.hash', { bufferBytes: 2048, rounds: 2 }, 6],
    ['cpu.mandelbrot', { width: 48, height: 32, maxIterations: 100 }, 8],
    ['io.sleep', { latencyMs: 5 }, 8],
    ['io.file', { bytes: 4099 }, 6],
    ['io.http', { bytes: 2049, latencyMs: 5 }, 6],
    ['mixed', { rounds: 1, latencyMs: 5 }, 4],
  ])(
    'verifies %s against the same reference as the JavaScript models',
    async (workload, params, taskCount) => {
      const run = await engine.run({
        workload,
        params,
        taskCount,
        models: [
          { model: 'event-loop', workers: 2 },
          ...PYTHON_MODELS.map((model) => ({ model, workers: 2 })),
        ],
      });
      const [js, ...pythons] = run.results;
      expect(js!.verified).toBe(true);
      for (const result of pythons) {
        expect(result.error, `${result.model}`).toBeNull();
        expect(result.verified, `${result.model}`).toBe(true);
        expect(result.checksum, `${result.model}`).toBe(js!.checksum);
        expect(result.tasksDone).toBe(taskCount);
      }
    },
    60_000,
  );

  it.each(PYTHON_MODELS)(
    '%s is measured like the other models and streams the same events',
    async (model) => {
      const events: RunEvent[] = [];
      const run = await engine.run(
        {
          workload: 'io.sleep',
          params: { latencyMs: 20 },
          taskCount: 12,
          models: [{ model, workers: 3 }],
        },
        { onEvent: (event) => events.push(event) },
      );
      const [result] = run.results;
      expect(result!.startupMs).toBeGreaterThan(0);
      // 12 tasks of 20 ms, 3 at a time: 4 rounds, whichever model waits; start-up apart.
      expect(result!.wallMs).toBeGreaterThan(75);
      expect(result!.tasksPerSec).toBeGreaterThan(0);
      expect(result!.latency.p50Ms).toBeGreaterThanOrEqual(19);
      expect(result!.timeline).toHaveLength(12);
      expect(new Set(result!.timeline.map((e) => e.worker))).toEqual(new Set([0, 1, 2]));
      for (const entry of result!.timeline) {
        expect(entry.startMs).toBeGreaterThanOrEqual(result!.startupMs - 5);
        // Timeline times count from the spawn; the work's time starts after start-up.
        expect(entry.endMs).toBeLessThanOrEqual(result!.startupMs + result!.wallMs + 5);
      }
      expect(result!.workerBusyFraction).toHaveLength(3);
      expect(result!.workerBusyFraction.every((f) => f > 0.3 && f <= 1)).toBe(true);
      expect(result!.processes[0]!.label).toBe('engine');
      expect(result!.processes[1]!.label).toMatch(/^python 3\.\d+\.\d+/);
      const workerRows = result!.processes.filter((p) => p.label.startsWith('worker'));
      expect(workerRows).toHaveLength(model === 'python-multiprocessing' ? 3 : 0);
      expect(result!.cpuTimeMs).toBeGreaterThan(0);
      expect(result!.peakRssBytes).toBeGreaterThan(result!.processes[0]!.peakRssBytes);
      expect(result!.eventLoopDelay!.maxMs).toBeGreaterThanOrEqual(0);

      // The round begins before any model (an explicit I/O size has no estimate to tell).
      expect(events[0]?.type).toBe('round-start');
      const types = events.slice(1).map((e) => e.type);
      expect(types[0]).toBe('model-start');
      expect(types).toContain('progress');
      const streamed = events.flatMap((e) => (e.type === 'tasks' ? e.entries : []));
      expect(streamed).toHaveLength(12);
      const lastProgress = events.filter((e) => e.type === 'progress').at(-1);
      expect(lastProgress).toMatchObject({ done: 12, total: 12 });
    },
    30_000,
  );

  it.each(PYTHON_MODELS)(
    'cancelling %s ends every Python process within a second',
    async (model) => {
      const controller = new AbortController();
      let cancelledAt = 0;
      let pids: number[] = [];
      const run = await engine.run(
        {
          workload: 'cpu.primes',
          params: LONG_PRIMES,
          taskCount: LONG_TASKS,
          models: [{ model, workers: 2 }],
        },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'progress' && event.done >= 1 && !cancelledAt) {
              pids = descendantPids();
              cancelledAt = performance.now();
              controller.abort();
            }
          },
        },
      );
      const stopMs = performance.now() - cancelledAt;
      expect(run.isCancelled).toBe(true);
      expect(run.results[0]!.isPartial).toBe(true);
      expect(run.results[0]!.error?.code).toBe('cancelled');
      expect(stopMs).toBeLessThan(1000);
      expect(pids.length).toBeGreaterThanOrEqual(model === 'python-multiprocessing' ? 3 : 1);
      expect(await waitFor(() => pids.every((pid) => !isAlive(pid)), 1000)).toBe(true);
    },
    30_000,
  );

  it('a pool process that dies is reported against its task; the others finish the run', async () => {
    let victim = 0;
    const run = await engine.run(
      {
        workload: 'cpu.primes',
        params: { limit: 400_000 },
        taskCount: 40,
        models: [{ model: 'python-multiprocessing', workers: 2 }],
      },
      {
        onEvent: (event) => {
          if (event.type === 'progress' && event.done >= 3 && !victim) {
            // The interpreter is our child; its pool processes are its children.
            const [interpreter] = descendantPids();
            const pool = interpreter ? descendantPids(interpreter) : [];
            victim = pool[0] ?? 0;
            if (victim) process.kill(victim, 'SIGKILL');
          }
        },
      },
    );
    const [result] = run.results;
    expect(victim).toBeGreaterThan(0);
    expect(result!.isPartial).toBe(true);
    expect(result!.verified).toBe(false);
    expect(result!.failures).toHaveLength(1);
    expect(result!.error?.message).toMatch(/^worker \d was killed by SIGKILL$/);
    expect(result!.tasksDone).toBe(39);
  });

  it('an interpreter killed mid-run fails the run and takes its pool with it', async () => {
    let pids: number[] = [];
    const run = await engine.run(
      {
        workload: 'cpu.primes',
        params: LONG_PRIMES,
        taskCount: LONG_TASKS,
        models: [{ model: 'python-multiprocessing', workers: 2 }],
      },
      {
        onEvent: (event) => {
          if (event.type === 'progress' && event.done >= 1 && pids.length === 0) {
            pids = descendantPids();
            process.kill(pids[0]!, 'SIGKILL');
          }
        },
      },
    );
    const [result] = run.results;
    expect(result!.isPartial).toBe(true);
    expect(result!.error?.code).toBe('worker-crashed');
    expect(result!.error?.message).toMatch(/^Python was killed by SIGKILL/);
    expect(await waitFor(() => pids.every((pid) => !isAlive(pid)), 1000)).toBe(true);
  });
  // Issue 14, item 3: Python honours the run's task timeout and memory limit.
  it.each(PYTHON_MODELS)(
    '%s: a task past --task-timeout fails within the timeout, and no process is left',
    async (model) => {
      let startedAt = 0;
      const run = await engine.run(
        {
          workload: 'cpu.primes',
          // Tens of seconds of trial division in one Python task; unprobed, as LONG_PRIMES.
          params: LONG_PRIMES,
          taskCount: 2,
          models: [{ model, workers: 2 }],
          taskTimeoutMs: 1000,
        },
        {
          onEvent: (event) => {
            if (event.type === 'model-start') startedAt = performance.now();
          },
        },
      );
      const endedMs = performance.now() - startedAt;
      const [result] = run.results;
      expect(result!.isPartial).toBe(true);
      expect(result!.failures.length).toBeGreaterThanOrEqual(1);
      expect(result!.failures[0]!.error).toMatchObject({ code: 'timeout' });
      expect(result!.failures[0]!.error.message).toMatch(
        /^task [01] on worker [01] did not finish within 1000 ms \(taskTimeoutMs\)/,
      );
      // Start-up, the timeout, the watchdog's eighth and the exit, on a busy machine.
      expect(endedMs).toBeLessThan(5000);
      expect(await waitFor(() => descendantPids().length === 0, 1000)).toBe(true);
    },
    60_000,
  );

  it.each(PYTHON_MODELS)(
    '%s: a task that allocates past --memory-limit fails as out of memory',
    async (model) => {
      const run = await engine.run({
        workload: 'cpu.hash',
        // Each task builds a list of a million Python ints: about 40 MiB.
        params: { bufferBytes: 4_194_304, rounds: 1 },
        taskCount: 1,
        models: [{ model, workers: 1 }],
        memoryLimitMb: 16,
      });
      const [result] = run.results;
      expect(result!.tasksDone).toBe(0);
      expect(result!.failures).toHaveLength(1);
      expect(result!.failures[0]!.error.message).toBe(
        'ran out of memory (limit 16 MiB, RLIMIT_DATA)',
      );
      expect(await waitFor(() => descendantPids().length === 0, 1000)).toBe(true);
    },
    60_000,
  );
});
