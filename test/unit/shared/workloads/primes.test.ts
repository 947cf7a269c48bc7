import { describe, expect, it } from 'vitest';
import {
  countPrimesByTrialDivision,
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
});
