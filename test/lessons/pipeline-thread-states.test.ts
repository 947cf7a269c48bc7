/**
 * A pipeline's thread states measured on real threads and processes: the built CLI runs each
 * pipeline, some pinned to one core with taskset, and its --json result is checked (issue 17).
 * Run in the suite's quiet phase, each case after waiting for free cores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectPython } from '../../src/main/engine/python-detect';
import type { PipelineResult } from '../../src/shared/pipeline/pipeline-result';
import type { TimeShares } from '../../src/shared/results';
import { cliPath } from '../helpers/built';
import { awaitFreeCores } from '../helpers/proc-stat';

const hasTaskset =
  process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const hasSchedstat = existsSync('/proc/thread-self/schedstat');
const python = await detectPython();

/** `corelab pipeline … --json`, optionally under `taskset -c CORES`. */
function pipeline(args: string[], cores?: string): PipelineResult {
  const command = [process.execPath, cliPath, 'pipeline', ...args, '--json'];
  const [file, ...rest] = cores === undefined ? command : ['taskset', '-c', cores, ...command];
  const result = spawnSync(file!, rest, { encoding: 'utf8', timeout: 60_000 });
  // A pipeline that ran but failed prints its result still: say what went wrong in it.
  const ran = result.stdout.startsWith('{')
    ? (JSON.parse(result.stdout) as PipelineResult)
    : undefined;
  const why = ran ? JSON.stringify({ error: ran.error, totals: ran.totals }) : result.stderr;
  expect(result.status, why).toBe(0);
  return ran!;
}

/** The shares add up to the whole of the participants' time, every one measured. */
function expectWhole(shares: TimeShares): void {
  const { running, waitingForCore, blocked, idle, messaging } = shares;
  expect(running! + waitingForCore! + blocked! + idle! + messaging!).toBeCloseTo(1, 6);
  expect(shares.unavailableReason).toBeUndefined();
}

/** Eight busy consumers with two producers that never wait: more runnable threads than one core. */
const OVERSUBSCRIBED = [
  '--producers',
  '2',
  '--consumers',
  '8',
  '--interval-ms',
  '0',
  '--capacity',
  '64',
  '--work',
  '2000',
  '--duration',
  '1.5',
];

/** One producer every 50 ms and four consumers with little work each: the queue is mostly empty. */
const IDLE_HEAVY = [
  '--producers',
  '1',
  '--consumers',
  '4',
  '--interval-ms',
  '50',
  '--work',
  '50',
  '--duration',
  '1.5',
];

describe.skipIf(!hasSchedstat)('thread states of a real pipeline (Linux /proc)', () => {
  beforeEach(() => awaitFreeCores());

  it.skipIf(!hasTaskset)(
    'consumers oversubscribed on one core wait for it more than anything else, threads and processes',
    () => {
      for (const model of ['worker-threads', 'child-process']) {
        const result = pipeline(['--model', model, ...OVERSUBSCRIBED], '0');
        expectWhole(result.timeShares);
        const consumers = result.timeSharesByRole.consumers;
        expectWhole(consumers);
        // Nine other runnable threads (and, for processes, the engine's broker) share the core
        // with each consumer: waiting for it is their largest share.
        const { waitingForCore, running, blocked, idle, messaging } = consumers;
        expect(waitingForCore, model).toBeGreaterThan(0.35);
        expect(waitingForCore!, JSON.stringify(consumers)).toBeGreaterThan(
          Math.max(running!, blocked!, idle!, messaging!),
        );
        expect(running, model).toBeLessThan(0.3);
        expect(result.totals.lost).toBe(0);
      }
    },
  );

  it('consumers of a slow producer are idle, not running, and so is the producer', () => {
    for (const model of ['worker-threads', 'child-process', 'event-loop']) {
      const result = pipeline(['--model', model, ...IDLE_HEAVY]);
      const { producers, consumers } = result.timeSharesByRole;
      expectWhole(producers);
      expectWhole(consumers);
      expect(consumers.idle! + consumers.blocked!, model).toBeGreaterThan(0.8);
      expect(consumers.running, model).toBeLessThan(0.1);
      expect(producers.idle, model).toBeGreaterThan(0.7);
    }
  });

  it('message passing shows what the messages cost, shared memory none', () => {
    const processes = pipeline(['--model', 'child-process', ...IDLE_HEAVY]);
    const threads = pipeline(['--model', 'worker-threads', ...IDLE_HEAVY]);
    expect(processes.timeSharesByRole.consumers.messaging).toBeGreaterThan(0);
    expect(threads.timeShares.messaging).toBe(0);
  });

  it.skipIf(!python.available)(
    "Python's three models report their threads: idle consumers, and a measured split",
    () => {
      for (const model of ['python-threading', 'python-multiprocessing', 'python-asyncio']) {
        const result = pipeline(['--model', model, ...IDLE_HEAVY]);
        const { consumers } = result.timeSharesByRole;
        expectWhole(consumers);
        expect(consumers.idle, model).toBeGreaterThan(0.6);
        expect(consumers.running, model).toBeLessThan(0.15);
      }
    },
  );

  it.skipIf(!python.available)(
    'Python thread consumers with CPU work are blocked on the GIL while one runs',
    () => {
      const result = pipeline([
        '--model',
        'python-threading',
        '--producers',
        '1',
        '--consumers',
        '3',
        '--interval-ms',
        '0',
        '--capacity',
        '64',
        '--work',
        '200',
        '--duration',
        '1.5',
      ]);
      const { consumers } = result.timeSharesByRole;
      expectWhole(consumers);
      // Three consumers and a producer share one GIL: at most one runs Python at a time.
      expect(consumers.running!).toBeLessThan(0.5);
      expect(consumers.blocked! + consumers.waitingForCore!).toBeGreaterThan(0.4);
    },
  );
});
