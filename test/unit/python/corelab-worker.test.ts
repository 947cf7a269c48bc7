/**
 * The Python side (src/python) on its own, run as the engine runs it: its kernels give the
 * JavaScript kernels' checksum for every task, and it keeps the JSON-lines protocol the engine
 * relies on.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIoResources, type IoResources } from '../../../src/main/engine/io-resources';
import { detectPython } from '../../../src/main/engine/python-detect';
import { pythonArgs } from '../../../src/main/engine/python-process';
import { PYTHON_WORKLOADS, type PythonModelId } from '../../../src/main/engine/python-protocol';
import { createRandomWalk } from '../../../src/shared/pipeline/pipeline-event';
import { pipelineWork } from '../../../src/shared/pipeline/pipeline-work';
import { getWorkload, resolveParams, WORKLOADS } from '../../../src/shared/workloads/registry';
import type { WorkloadParams } from '../../../src/shared/workloads/types';
import { createNodeTaskEnv } from '../../../src/workers/node-task-env';
import { isAlive } from '../../helpers/processes';

const SCRIPT = resolve('src/python');
const python = await detectPython();
if (!python.available) console.warn(`skipping the Python worker tests: ${python.reason}`);

type Line = Record<string, unknown> & { type: string };
/** A line's type, or a test of the whole line (the live host's lines have no type). */
type LineMatch = string | ((line: Line) => boolean);

interface Session {
  lines: Line[];
  send(message: unknown): void;
  endInput(): void;
  /** Resolves once a matching line arrives (or with the lines so far at exit). */
  waitFor(match: LineMatch): Promise<Line | undefined>;
  exited: Promise<{ code: number | null; atMs: number }>;
}

const isMatch = (match: LineMatch, line: Line): boolean =>
  typeof match === 'string' ? line.type === match : match(line);

/** Starts the Python side as the engine does (or with `args`) and collects its JSON lines. */
function startWorker(args = pythonArgs(SCRIPT)): Session {
  const child = spawn(python.path, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Line[] = [];
  const waiters: { match: LineMatch; resolve: (line: Line | undefined) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Line;
    lines.push(line);
    for (const waiter of waiters.filter((w) => isMatch(w.match, line))) waiter.resolve(line);
  });
  const exited = new Promise<{ code: number | null; atMs: number }>((done) =>
    child.on('close', (code) => {
      for (const waiter of waiters) waiter.resolve(lines.find((l) => isMatch(waiter.match, l)));
      done({ code, atMs: performance.now() });
    }),
  );
  child.stdin.on('error', () => undefined);
  return {
    lines,
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    endInput: () => child.stdin.end(),
    waitFor: (match) => {
      const found = lines.find((l) => isMatch(match, l));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    exited,
  };
}

function init(
  model: PythonModelId,
  workload: string,
  params: WorkloadParams,
  taskCount: number,
  workers = 2,
  io: IoResources['io'] = {},
): Record<string, unknown> {
  const resolved = resolveParams(getWorkload(workload), params);
  return { type: 'init', runId: 'r1', model, workers, workload, params: resolved, taskCount, io };
}

/** Runs a whole run and returns every line; stdin stays open until `done`, as the engine does. */
async function runToEnd(message: Record<string, unknown>, args?: string[]): Promise<Line[]> {
  const session = startWorker(args);
  session.send(message);
  await Promise.race([session.waitFor('done'), session.waitFor('fatal')]);
  session.endInput();
  await session.exited;
  return session.lines;
}

const MODELS: PythonModelId[] = ['python-multiprocessing', 'python-threading', 'python-asyncio'];

/** Small sizes of every workload, with byte counts that are not multiples of 4. */
const CASES: [string, WorkloadParams, number][] = [
  ['cpu.primes', { limit: 20_011 }, 7],
  ['cpu.hash', { bufferBytes: 1027, rounds: 3 }, 5],
  ['cpu.mandelbrot', { width: 37, height: 23, maxIterations: 150 }, 6],
  ['io.sleep', { latencyMs: 1 }, 5],
  ['io.file', { bytes: 5001 }, 4],
  ['io.http', { bytes: 3001, latencyMs: 0 }, 4],
  ['mixed', { rounds: 1, latencyMs: 1 }, 3],
];

describe.skipIf(!python.available)('the Python worker', () => {
  let resources: IoResources;
  beforeAll(async () => {
    resources = await startIoResources(['file', 'http']);
  });
  afterAll(() => resources.close());

  it.each(CASES)(
    'gives the JavaScript kernel’s checksum for every task of %s',
    async (workload, params, taskCount) => {
      const definition = getWorkload(workload);
      const resolved = resolveParams(definition, params);
      const env = createNodeTaskEnv(resources.io);
      const expected: number[] = [];
      for (let i = 0; i < taskCount; i++) {
        expected.push(await definition.runTask(resolved, i, taskCount, env));
      }
      for (const model of MODELS) {
        const lines = await runToEnd(init(model, workload, params, taskCount, 2, resources.io));
        const results = lines.filter((l) => l.type === 'result');
        const byTask = new Map(results.map((r) => [r.taskIndex as number, r.checksum as number]));
        expect(
          lines.filter((l) => l.type === 'error'),
          `${model} ${workload}`,
        ).toEqual([]);
        expect(results, `${model} ${workload}`).toHaveLength(taskCount);
        expect([...byTask.keys()].sort((a, b) => a - b)).toEqual(expected.map((_, i) => i));
        expect(
          expected.map((_, i) => byTask.get(i)),
          `${model} ${workload}`,
        ).toEqual(expected);
      }
    },
    60_000,
  );

  it.each(MODELS)(
    '%s says ready first, answers every task once, and ends with its usage',
    async (model) => {
      const lines = await runToEnd(init(model, 'cpu.primes', { limit: 30_000 }, 12, 3));
      expect(lines[0]!.type).toBe('ready');
      expect(lines.at(-1)!.type).toBe('done');
      expect(lines.every((l) => l.runId === 'r1')).toBe(true);
      const results = lines.filter((l) => l.type === 'result');
      expect(new Set(results.map((r) => r.taskIndex)).size).toBe(12);
      for (const r of results) {
        expect(r.worker).toBeGreaterThanOrEqual(0);
        expect(r.worker).toBeLessThan(3);
        expect(r.endEpochMs as number).toBeGreaterThanOrEqual(r.startEpochMs as number);
      }
      const done = lines.at(-1) as unknown as {
        usage: { pid: number; cpuUserMs: number; peakRssBytes: number };
        workers: { worker: number; pid: number; cpuUserMs: number }[];
      };
      expect(done.usage.cpuUserMs).toBeGreaterThan(0);
      expect(done.usage.peakRssBytes).toBeGreaterThan(2 ** 20);
      // Pool processes report themselves; threads and coroutines live in the main process.
      const ready = lines[0] as unknown as { pid: number; workerPids: number[] };
      if (model === 'python-multiprocessing') {
        expect(done.workers.map((w) => w.worker).sort()).toEqual([0, 1, 2]);
        expect(new Set(done.workers.map((w) => w.pid))).toEqual(new Set(ready.workerPids));
        expect(ready.workerPids).not.toContain(ready.pid);
      } else {
        expect(done.workers).toEqual([]);
        expect(ready.workerPids).toEqual([]);
      }
    },
    30_000,
  );

  it('refuses a malformed init line, naming the field', async () => {
    const lines = await runToEnd({ ...init('python-threading', 'io.sleep', {}, 2), workers: 0 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      type: 'fatal',
      error: { code: 'invalid-argument', message: 'init.workers must be a positive integer' },
    });
  });

  it('runs exactly the workloads the engine lists as ported, and refuses the others', async () => {
    for (const { id } of WORKLOADS) {
      // No tasks: the script only builds the workload's kernel, which is where it refuses.
      const lines = await runToEnd(init('python-threading', id, {}, 0, 1));
      if (PYTHON_WORKLOADS.includes(id)) {
        expect(lines.at(-1)!.type, id).toBe('done');
      } else {
        expect(lines, id).toEqual([
          expect.objectContaining({
            type: 'fatal',
            error: expect.objectContaining({ message: `workload ${id} has no Python port` }),
          }),
        ]);
      }
    }
  });

  it('refuses a workload it has no port of', async () => {
    const lines = await runToEnd({ ...init('python-asyncio', 'io.sleep', {}, 2), workload: 'x.y' });
    expect(lines[0]).toMatchObject({
      type: 'fatal',
      error: { code: 'unavailable', message: 'workload x.y has no Python port' },
    });
  });

  it.each(MODELS)(
    '%s stops within a second of `stop`, even in the middle of a long CPU task',
    async (model) => {
      const session = startWorker();
      // One task of π(5·10^7) by trial division takes minutes in Python.
      session.send(init(model, 'cpu.primes', { limit: 50_000_000 }, 2, 2));
      await session.waitFor('ready');
      await new Promise((r) => setTimeout(r, 200));
      const stoppedAt = performance.now();
      session.send({ type: 'stop', runId: 'r1' });
      const { code, atMs } = await session.exited;
      expect(atMs - stoppedAt).toBeLessThan(1000);
      expect(code).toBe(0);
      expect(session.lines.at(-1)!.type).toBe('done');
      expect(session.lines.filter((l) => l.type === 'result')).toEqual([]);
    },
    30_000,
  );

  it('ends its pool processes when stdin closes (the engine is gone)', async () => {
    const session = startWorker();
    session.send(init('python-multiprocessing', 'cpu.primes', { limit: 50_000_000 }, 2, 2));
    const ready = (await session.waitFor('ready')) as unknown as { workerPids: number[] };
    session.endInput();
    await session.exited;
    expect(ready.workerPids.filter(isAlive)).toEqual([]);
  });
});

/**
 * The package as macOS and Windows start pool processes (spawn), and as Linux does from
 * Python 3.14 on (forkserver): each child imports the package afresh instead of inheriting
 * it, so everything it runs must import under -I. This driver sets the start method, then
 * runs the folder as `python -I src/python` does (the folder first on sys.path, its
 * __main__.py run as `__main__`).
 */
function startedWith(method: string, ...programArgs: string[]): string[] {
  const driver = [
    'import multiprocessing, runpy, sys',
    'multiprocessing.set_start_method(sys.argv[2])',
    'app, sys.argv[1:] = sys.argv[1], sys.argv[3:]',
    'runpy.run_path(app, run_name="__main__")',
  ].join('\n');
  return ['-I', '-B', '-c', driver, SCRIPT, method, ...programArgs];
}

const START_METHODS = process.platform === 'win32' ? ['spawn'] : ['spawn', 'forkserver'];
const HASH_PARAMS = resolveParams(getWorkload('cpu.hash'), { bufferBytes: 1027, rounds: 3 });
const hashOfTask0 = (): Promise<number> =>
  Promise.resolve(getWorkload('cpu.hash').runTask(HASH_PARAMS, 0, 1, createNodeTaskEnv({})));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!python.available).each(START_METHODS)('the Python worker under %s', (method) => {
  it.each(MODELS)(
    '%s runs a task to the JavaScript kernel’s checksum',
    async (model) => {
      const lines = await runToEnd(init(model, 'cpu.hash', HASH_PARAMS, 1, 1), startedWith(method));
      expect(lines.map((l) => l.type)).toEqual(['ready', 'result', 'done']);
      expect(lines[1]).toMatchObject({ taskIndex: 0, checksum: await hashOfTask0() });
      if (model === 'python-multiprocessing') expect(lines[0]!.startMethod).toBe(method);
    },
    30_000,
  );

  it('hosts a live run’s pool process, whose task gets the JavaScript kernel’s checksum', async () => {
    const session = startWorker(startedWith(method));
    const slotSaid = (type: string) => (line: Line) =>
      line.slot === 0 && (line.message as { type?: string } | undefined)?.type === type;
    session.send({ type: 'init', mode: 'live', model: 'python-multiprocessing' });
    const worker = { runId: 'l1', worker: 0, workload: 'cpu.hash', taskCount: 1, io: {} };
    session.send({ slot: 0, message: { type: 'init', params: HASH_PARAMS, ...worker } });
    await session.waitFor(slotSaid('ready'));
    session.send({ slot: 0, message: { type: 'task', runId: 'l1', taskIndex: 0 } });
    const result = await session.waitFor(slotSaid('result'));
    expect(result?.message).toMatchObject({ taskIndex: 0, checksum: await hashOfTask0() });
    session.endInput();
    expect((await session.exited).code).toBe(0);
  }, 30_000);

  it('runs the pipeline’s processes, every event once and worked as JavaScript works it', async () => {
    const config = { producers: 2, consumers: 2, intervalMs: 1, capacity: 8, workPerEvent: 2 };
    const seed = 7;
    const session = startWorker(startedWith(method));
    session.send({
      type: 'init',
      mode: 'pipeline',
      runId: 'p1',
      model: 'python-multiprocessing',
      seed,
      ...config,
    });
    expect(await session.waitFor('ready')).toMatchObject({ startMethod: method });
    session.send({ type: 'go' });
    await sleep(300);
    session.send({ type: 'stop' });
    expect(await session.waitFor('end')).toMatchObject({ leftInQueue: 0 });
    session.endInput();
    expect((await session.exited).code).toBe(0);

    const tallies = session.lines
      .filter((l) => l.type === 'tally')
      .map(
        (l) =>
          l.tally as {
            role: string;
            index: number;
            produced?: number;
            events?: number[];
            digest?: number;
          },
      );
    const produced = [0, 1].map((p) =>
      tallies
        .filter((t) => t.role === 'producer' && t.index === p)
        .reduce((n, t) => n + t.produced!, 0),
    );
    expect(Math.min(...produced)).toBeGreaterThan(0);
    const consumed = tallies.filter((t) => t.role === 'consumer');
    const events = consumed.flatMap((t) => t.events!);
    const pairs = Array.from(
      { length: events.length / 2 },
      (_, i) => `${events[2 * i]}:${events[2 * i + 1]}`,
    );
    const expectedPairs = produced.flatMap((count, p) =>
      Array.from({ length: count }, (_, s) => `${p}:${s}`),
    );
    expect(pairs.sort()).toEqual(expectedPairs.sort());
    let digest = 0;
    produced.forEach((count, p) => {
      const walk = createRandomWalk(seed, p);
      for (let s = 0; s < count; s++)
        digest = (digest ^ pipelineWork(walk.next(), config.workPerEvent)) >>> 0;
    });
    expect(consumed.reduce((d, t) => (d ^ t.digest!) >>> 0, 0)).toBe(digest);
  }, 30_000);

  it('measures the message explorer’s process modes, each round trip checked', async () => {
    const session = startWorker(startedWith(method, 'messages'));
    const budget = {
      warmUps: { '8': 1, '65536': 1 },
      maxRoundTrips: 5,
      minRoundTrips: 3,
      cellMs: 1,
      slowMinRoundTrips: 2,
      slowCellMs: 1,
    };
    session.send({ modes: ['queue-pickle', 'shared-memory'], sizes: [8, 65_536], budget });
    await session.exited;
    expect(session.lines.map((l) => l.type)).toEqual(['row', 'row', 'row', 'row', 'done']);
  }, 30_000);
});
