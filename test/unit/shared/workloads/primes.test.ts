import { describe, expect, it } from 'vitest';
import {
  countPrimesByTrialDivision,
  PRIME_BLOCK,
  primeCountBelow,
  primesWorkload,
} from '../../../../src/shared/workloads/primes';
import { foldTasks } from './fold-tasks';

describe('cpu.primes', () => {
  it('counts π(10^6) = 78498 across its tasks', async () => {
    const { tasks } = await foldTasks(primesWorkload, { limit: 1_000_000 }, 64);
    expect(tasks.reduce((sum, count) => sum + count, 0)).toBe(78498);
  });

  it('gives π(10^6) = 78498 from the sieve used for display', () => {
    expect(primeCountBelow(1_000_000)).toBe(78498);
    expect(primeCountBelow(5_000_000)).toBe(348513);
  });

  it('counts the small cases by trial division right', () => {
    expect(countPrimesByTrialDivision(0, 2)).toBe(0);
    expect(countPrimesByTrialDivision(0, 3)).toBe(1);
    expect(countPrimesByTrialDivision(0, 10)).toBe(4);
    expect(countPrimesByTrialDivision(0, 100)).toBe(25);
    // Squares of primes are the cases an off-by-one in "d * d <= n" would miss.
    expect(countPrimesByTrialDivision(9, 10)).toBe(0);
    expect(countPrimesByTrialDivision(25, 26)).toBe(0);
    expect(countPrimesByTrialDivision(961, 962)).toBe(0);
  });

  it.each([1, 7, 100, 1000])('matches the sieve reference with %i tasks', async (taskCount) => {
    const params = { limit: 20_011 };
    const { checksum } = await foldTasks(primesWorkload, params, taskCount);
    expect(checksum).toBe(primesWorkload.reference(params, taskCount));
  });

  it('has a reference that notices a wrong count', async () => {
    const params = { limit: 10_000 };
    const { tasks } = await foldTasks(primesWorkload, params, 10);
    const reference = primesWorkload.reference(params, 10);
    const wrong = await foldTasks(
      { ...primesWorkload, runTask: (_params, i) => tasks[i]! + (i === 3 ? 1 : 0) },
      params,
      10,
    );
    expect(wrong.checksum).not.toBe(reference);
  });

  it('deals the range so every task costs about the same (no straggling last task)', () => {
    // Trial division of n costs up to √n divisions: the sum of √n over a task's numbers is
    // its cost, counted exactly rather than timed.
    const limit = 2_000_000;
    const taskCount = 64;
    const costs = new Array<number>(taskCount).fill(0);
    for (let n = 0; n < limit; n++) costs[Math.floor(n / PRIME_BLOCK) % taskCount]! += Math.sqrt(n);
    expect(Math.max(...costs) / Math.min(...costs)).toBeLessThan(1.05);
    // Contiguous slices, as before, cost up to ~8× more at the top of the range than at
    // the bottom: the last tasks straggled.
    const slice = limit / taskCount;
    const sliceCost = (i: number): number => {
      let cost = 0;
      for (let n = i * slice; n < (i + 1) * slice; n++) cost += Math.sqrt(n);
      return cost;
    };
    expect(sliceCost(taskCount - 1) / sliceCost(1)).toBeGreaterThan(4);
  });

  it('gives the same per-task counts from the kernel and from the reference sieve', async () => {
    const { checksum } = await foldTasks(primesWorkload, { limit: 300_000 }, 37);
    expect(checksum).toBe(primesWorkload.reference({ limit: 300_000 }, 37));
  });
});
