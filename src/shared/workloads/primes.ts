/** cpu.primes: counts primes below a limit, one contiguous chunk of the range per task. */
import { foldAll } from './checksum';
import { chunkBounds, intParam, paramValue } from './params';
import type { WorkloadDefinition } from './types';

const LIMIT = intParam('limit', 'Upper bound (exclusive)', {
  min: 1000,
  max: 100_000_000,
  default: 15_000_000,
});

/** Trial division by odd divisors up to √n: deliberately plain CPU work. */
function isPrimeByTrialDivision(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0) return false;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** Counts primes in [start, end) by trial division: the kernel the models run. */
export function countPrimesByTrialDivision(start: number, end: number): number {
  let count = 0;
  for (let n = start; n < end; n++) if (isPrimeByTrialDivision(n)) count++;
  return count;
}

/** Primes below `limit` by a plain sieve: the base primes for the segmented sieve. */
function sievePrimesBelow(limit: number): number[] {
  const isComposite = new Uint8Array(Math.max(limit, 2));
  const primes: number[] = [];
  for (let n = 2; n < limit; n++) {
    if (isComposite[n]) continue;
    primes.push(n);
    for (let m = n * n; m < limit; m += n) isComposite[m] = 1;
  }
  return primes;
}

/**
 * Counts primes in each chunk with a segmented sieve of Eratosthenes: an algorithm
 * independent of the kernel, in memory proportional to one chunk.
 */
function countPrimesPerChunkBySieve(limit: number, chunks: number): number[] {
  const basePrimes = sievePrimesBelow(Math.floor(Math.sqrt(limit)) + 1);
  const counts: number[] = [];
  for (let i = 0; i < chunks; i++) {
    const [start, end] = chunkBounds(limit, i, chunks);
    const isComposite = new Uint8Array(Math.max(end - start, 0));
    for (const p of basePrimes) {
      if (p * p >= end) break;
      const first = Math.max(p * p, Math.ceil(start / p) * p);
      for (let m = first; m < end; m += p) isComposite[m - start] = 1;
    }
    let count = 0;
    for (let n = Math.max(start, 2); n < end; n++) if (!isComposite[n - start]) count++;
    counts.push(count);
  }
  return counts;
}

/** How many primes lie below `limit`, for display next to a run's result. */
export function primeCountBelow(limit: number): number {
  // Segments of about 1 MiB keep memory flat even at the largest limit.
  const segments = Math.max(1, Math.ceil(limit / 2 ** 20));
  return countPrimesPerChunkBySieve(limit, segments).reduce((sum, count) => sum + count, 0);
}

/** cpu.primes: each task's checksum is its chunk's prime count. */
export const primesWorkload: WorkloadDefinition = {
  id: 'cpu.primes',
  label: 'Prime counting',
  kind: 'cpu',
  description: 'Counts the primes in one slice of [0, limit) by trial division.',
  params: [LIMIT],
  defaultTasks: 100,
  needs: [],
  runTask(params, taskIndex, taskCount) {
    const [start, end] = chunkBounds(paramValue(params, LIMIT), taskIndex, taskCount);
    return countPrimesByTrialDivision(start, end);
  },
  reference(params, taskCount) {
    return foldAll(countPrimesPerChunkBySieve(paramValue(params, LIMIT), taskCount));
  },
};
