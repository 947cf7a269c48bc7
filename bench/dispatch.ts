/**
 * Tiny-task dispatch throughput: Corelab's worker-threads runner against piscina and
 * tinypool at the same thread count, measured side by side in one process.
 */
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import { runComparison, type ComparisonContext } from '../src/main/engine/comparison';
import { threadRunner } from '../src/main/engine/node-runners';
import { createSpawnOwner } from '../src/main/engine/spawn-owner';
import type { PoolTask } from './pool-task';

export interface DispatchResult {
  threads: number;
  tasks: number;
  corelabTasksPerSec: number;
  piscinaTasksPerSec: number;
  tinypoolTasksPerSec: number;
  ratioVsPiscina: number;
  ratioVsTinypool: number;
}

interface TaskPool {
  run(task: PoolTask): Promise<unknown>;
  destroy(): Promise<void>;
}

/** Throughput of a pool: warmed up first, then all tasks submitted at once. */
async function poolTasksPerSec(pool: TaskPool, tasks: number, limit: number): Promise<number> {
  const batch = (count: number): Promise<unknown[]> =>
    Promise.all(
      Array.from({ length: count }, (_, i) => pool.run({ taskIndex: i, taskCount: tasks, limit })),
    );
  await batch(1000);
  const start = performance.now();
  await batch(tasks);
  const ms = performance.now() - start;
  await pool.destroy();
  return (tasks * 1000) / ms;
}

/** The median of a few numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const ROUNDS = 3;

/**
 * Runs the three pools over `tasks` tiny tasks (about 10 numbers each to test), in
 * alternating rounds so that a noisy moment hits every pool, and reports the medians.
 */
export async function measureDispatch(options: {
  threads: number;
  tasks: number;
  workerThreadScript: string;
  poolTaskScript: string;
}): Promise<DispatchResult> {
  const { threads, tasks } = options;
  const limit = tasks * 10;
  const context: ComparisonContext = {
    runners: new Map([
      ['worker-threads', threadRunner('worker-threads', options.workerThreadScript)],
    ]),
    unavailableReason: () => null,
    maxWorkers: threads,
    referenceScript: options.workerThreadScript,
    owner: createSpawnOwner(),
  };
  const config = {
    workload: 'cpu.primes',
    params: { limit },
    taskCount: tasks,
    models: [{ model: 'worker-threads' as const, workers: threads }],
  };
  // Once to warm the JIT and the reference cache before measuring.
  await runComparison(context, config);
  const corelab: number[] = [];
  const piscina: number[] = [];
  const tinypool: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const result = (await runComparison(context, config)).results[0]!;
    if (!result.verified)
      throw new Error('dispatch benchmark: the runner returned a wrong checksum');
    corelab.push(result.tasksPerSec);
    const piscinaPool = new Piscina({
      filename: options.poolTaskScript,
      minThreads: threads,
      maxThreads: threads,
    });
    piscina.push(
      await poolTasksPerSec(
        { run: (task) => piscinaPool.run(task), destroy: () => piscinaPool.close() },
        tasks,
        limit,
      ),
    );
    const tinyPool = new Tinypool({
      filename: options.poolTaskScript,
      minThreads: threads,
      maxThreads: threads,
    });
    tinypool.push(
      await poolTasksPerSec(
        { run: (task) => tinyPool.run(task), destroy: () => tinyPool.destroy() },
        tasks,
        limit,
      ),
    );
  }
  const corelabTasksPerSec = median(corelab);
  const piscinaTasksPerSec = median(piscina);
  const tinypoolTasksPerSec = median(tinypool);
  return {
    threads,
    tasks,
    corelabTasksPerSec,
    piscinaTasksPerSec,
    tinypoolTasksPerSec,
    ratioVsPiscina: corelabTasksPerSec / piscinaTasksPerSec,
    ratioVsTinypool: corelabTasksPerSec / tinypoolTasksPerSec,
  };
}
