/**
 * The task piscina and tinypool run in the dispatch benchmark: the same kernel the
 * worker-threads runner runs, so only the pools' own overhead differs.
 */
import { primesWorkload } from '../src/shared/workloads/primes';

export interface PoolTask {
  taskIndex: number;
  taskCount: number;
  limit: number;
}

/** Counts the primes of one tiny chunk. */
export default function run({ taskIndex, taskCount, limit }: PoolTask): number {
  return primesWorkload.runTask({ limit }, taskIndex, taskCount, {
    sleep: () => Promise.resolve(),
  }) as number;
}
