/**
 * Tiny-task dispatch throughput: Corelab's worker-threads runner against piscina and
 * tinypool at the same thread count, measured side by side in one process.
 */
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import { runComparison, type ComparisonContext } from '../src/main/engine/comparison';
import { workerThreadsRunner } from '../src/main/engine/node-runners';
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

/** Runs the three pools over `tasks` tiny tasks (about 10 numbers each to test). */
export async function measureDispatch(options: {
  threads: number;
  tasks: number;
  workerThreadScript: string;
  poolTaskScript: string;
}): Promise<DispatchResult> {
  const { threads, tasks } = options;
  const limit = tasks * 10;
  const context: ComparisonContext = {
    runners: new Map([['worker-threads', workerThreadsRunner(options.workerThreadScript)]]),
    unavailableReason: () => null,
    maxWorkers: threads,
    referenceScript: options.workerThreadScript,
  };
  const config = {
    workload: 'cpu.primes',
    params: { limit },
    taskCount: tasks,
    models: [{ model: 'worker-threads' as const, workers: threads }],
  };
  // Once to warm the JIT and the reference cache, then measured.
  await runComparison(context, config);
  const run = await runComparison(context, config);
  const result = run.results[0]!;
  if (!result.verified) throw new Error('dispatch benchmark: the runner returned a wrong checksum');
  const piscina = new Piscina({
    filename: options.poolTaskScript,
    minThreads: threads,
    maxThreads: threads,
  });
  const piscinaTasksPerSec = await poolTasksPerSec(
    { run: (task) => piscina.run(task), destroy: () => piscina.close() },
    tasks,
    limit,
  );
  const tinypool = new Tinypool({
    filename: options.poolTaskScript,
    minThreads: threads,
    maxThreads: threads,
  });
  const tinypoolTasksPerSec = await poolTasksPerSec(
    { run: (task) => tinypool.run(task), destroy: () => tinypool.destroy() },
    tasks,
    limit,
  );
  return {
    threads,
    tasks,
    corelabTasksPerSec: result.tasksPerSec,
    piscinaTasksPerSec,
    tinypoolTasksPerSec,
    ratioVsPiscina: result.tasksPerSec / piscinaTasksPerSec,
    ratioVsTinypool: result.tasksPerSec / tinypoolTasksPerSec,
  };
}
