/**
 * cpu.primes: counts primes below a limit. The range is cut into blocks dealt round-robin to
 * the tasks (block b to task b mod T), so every task gets numbers from low and high in the
 * range alike and costs about the same: contiguous slices cost more the higher they lie
 * (trial division runs to √n), and the last, dearest slices straggled at the end of a run.
 */
import { foldAll } from './checksum';
import { intParam, paramValue } from './params';
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

/** Numbers per block; small enough that a task of a small run still gets many blocks. */
export const PRIME_BLOCK = 512;

/** Counts the primes of task `taskIndex` of `taskCount`: blocks taskIndex, +T, +2T, … */
function countPrimesOfTask(limit: number, taskIndex: number, taskCount: number): number {
  let count = 0;
  for (let start = taskIndex * PRIME_BLOCK; start < limit; start += taskCount * PRIME_BLOCK) {
    count += countPrimesByTrialDivision(start, Math.min(start + PRIME_BLOCK, limit));
  }
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

/** Numbers per segment of the reference sieve: a whole number of blocks, about 1 MiB. */
const SEGMENT = PRIME_BLOCK * 2048;

/**
 * Counts each task's primes with a segmented sieve of Eratosthenes: an algorithm
 * independent of the kernel, in memory proportional to one segment.
 */
function countPrimesPerTaskBySieve(limit: number, taskCount: number): number[] {
  const basePrimes = sievePrimesBelow(Math.floor(Math.sqrt(limit)) + 1);
  const counts: number[] = new Array<number>(taskCount).fill(0);
  for (let start = 0; start < limit; start += SEGMENT) {
    const end = Math.min(start + SEGMENT, limit);
    const isComposite = new Uint8Array(end - start);
    for (const p of basePrimes) {
      if (p * p >= end) break;
      const first = Math.max(p * p, Math.ceil(start / p) * p);
      for (let m = first; m < end; m += p) isComposite[m - start] = 1;
    }
    for (let n = Math.max(start, 2); n < end; n++) {
      if (!isComposite[n - start]) counts[Math.floor(n / PRIME_BLOCK) % taskCount]!++;
    }
  }
  return counts;
}

/** How many primes lie below `limit`, for display next to a run's result. */
export function primeCountBelow(limit: number): number {
  return countPrimesPerTaskBySieve(limit, 1)[0]!;
}

/** cpu.primes: each task's checksum is its chunk's prime count. */
export const primesWorkload: WorkloadDefinition = {
  id: 'cpu.primes',
  label: 'Prime counting',
  kind: 'cpu',
  description:
    'Counts the primes in one share of [0, limit) by trial division; shares are dealt in blocks so every task costs about the same.',
  params: [LIMIT],
  defaultTasks: 100,
  // Trial division costs about √n per number, so the range's work grows as limit^1.5.
  sizing: { by: 'param', param: 'limit', exponent: 1.5, grain: PRIME_BLOCK },
  needs: [],
  runTask(params, taskIndex, taskCount) {
    return countPrimesOfTask(paramValue(params, LIMIT), taskIndex, taskCount);
  },
  reference(params, taskCount) {
    return foldAll(countPrimesPerTaskBySieve(paramValue(params, LIMIT), taskCount));
  },
  taskReferences(params, taskCount) {
    return countPrimesPerTaskBySieve(paramValue(params, LIMIT), taskCount);
  },
};
