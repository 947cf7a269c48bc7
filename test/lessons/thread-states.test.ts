/**
 * Thread states measured on real threads and processes: the built CLI runs each case, some
 * pinned to cores with taskset, and its --json results are checked (issue 17). Run in the
 * suite's quiet phase, each case after waiting for free cores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectPython } from '../../src/main/engine/python-detect';
import type { ModelResult } from '../../src/shared/results';
import { cliPath } from '../helpers/built';
import { awaitFreeCores } from '../helpers/proc-stat';

const hasTaskset =
  process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const hasSchedstat = existsSync('/proc/thread-self/schedstat');
const python = await detectPython();

/** `corelab run … --json`, optionally under `taskset -c CORES`; returns its results. */
function run(args: string[], cores?: string): ModelResult[] {
  const command = [process.execPath, cliPath, 'run', ...args, '--json'];
  const [file, ...rest] = cores === undefined ? command : ['taskset', '-c', cores, ...command];
  const result = spawnSync(file!, rest, { encoding: 'utf8', timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { results: ModelResult[] }).results;
}

/** The shares add up to the whole of the workers' time. */
function expectWhole(result: ModelResult): void {
  const { running, waitingForCore, blocked, idle, messaging } = result.timeShares;
  expect(running! + waitingForCore! + blocked! + idle! + messaging!).toBeCloseTo(1, 6);
  expect(result.timeShares.unavailableReason).toBeUndefined();
}

describe.skipIf(!hasSchedstat)('thread states of real workers (Linux /proc)', () => {
  beforeEach(() => awaitFreeCores());

  it.skipIf(!hasTaskset)(
    'four workers pinned to one core wait for it most of the time, in threads and in processes',
    () => {
      const results = run(
        [
          '--workload',
          'cpu.primes',
          '--models',
          'worker-threads,child-process',
          '--workers',
          '4',
          '--max-workers',
          '4',
          '--tasks',
          '16',
          '--param',
          'limit=3000000',
        ],
        '0',
      );
      for (const result of results) {
        expectWhole(result);
        expect(result.timeShares.waitingForCore, result.model).toBeGreaterThan(0.5);
      }
    },
  );

  it.skipIf(!python.available)(
    'two Python threads on cpu.primes are each blocked a third of the time or more: one holds the GIL',
    () => {
      const [result] = run([
        '--workload',
        'cpu.primes',
        '--models',
        'python-threading',
        '--workers',
        '2',
        '--tasks',
        '8',
        '--param',
        'limit=1000000',
      ]);
      const shares = result!.timeShares;
      expectWhole(result!);
      // Never both on a core at once: at most one thread's worth of the two threads' time.
      expect(shares.running).toBeLessThan(0.55);
      expect(shares.blocked, JSON.stringify(shares)).toBeGreaterThan(0.3);
    },
  );

  it('io.sleep leaves every model blocked, not running', () => {
    const models = ['worker-threads', 'child-process', 'event-loop'];
    if (python.available) models.push('python-threading');
    const results = run([
      '--workload',
      'io.sleep',
      '--models',
      models.join(','),
      '--workers',
      '2',
      '--tasks',
      '8',
      '--param',
      'latencyMs=100',
    ]);
    for (const result of results) {
      expectWhole(result);
      expect(result.timeShares.blocked, result.model).toBeGreaterThan(0.8);
      expect(result.timeShares.running, result.model).toBeLessThan(0.1);
    }
  });

  it.skipIf(!hasTaskset)('records the core a pinned worker ran on for each of its tasks', () => {
    const results = run(
      [
        '--workload',
        'cpu.primes',
        '--models',
        'worker-threads,child-process',
        '--workers',
        '2',
        '--tasks',
        '8',
        '--param',
        'limit=1000000',
      ],
      '1',
    );
    for (const result of results) {
      const cpus = result.timeline.map((entry) => entry.cpu).filter((cpu) => cpu !== null);
      expect(cpus.length, result.model).toBeGreaterThan(0);
      expect(new Set(cpus)).toEqual(new Set([1]));
      for (const slice of result.stateSlices ?? []) {
        if (slice.cpu !== null) expect(slice.cpu).toBe(1);
      }
    }
  });
});
