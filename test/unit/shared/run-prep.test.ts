import { describe, expect, it } from 'vitest';
import { prepareWork } from '../../../src/shared/run-prep';
import { getWorkload } from '../../../src/shared/workloads/registry';

describe('prepareWork', () => {
  it('fills in the workload’s params, task count, fault options and the rounds given', () => {
    const primes = getWorkload('cpu.primes');
    const prepared = prepareWork({ workload: 'cpu.primes' }, 3);
    expect(prepared).toMatchObject({
      taskCount: primes.defaultTasks,
      isSizeExplicit: false,
      isTaskCountFixed: false,
      faultOptions: { failurePolicy: 'continue', taskTimeoutMs: 120_000 },
      rounds: 3,
    });
    expect(Object.keys(prepared.params).sort()).toEqual(primes.params.map((p) => p.name).sort());
  });

  it('takes the size as explicit when the config sets what calibration would size', () => {
    // cpu.primes is sized by its limit; io.sleep by its task count.
    expect(prepareWork({ workload: 'cpu.primes', taskCount: 8 }, 1)).toMatchObject({
      isSizeExplicit: false,
      isTaskCountFixed: true,
      taskCount: 8,
    });
    expect(prepareWork({ workload: 'cpu.primes', params: { limit: 1000 } }, 1)).toMatchObject({
      isSizeExplicit: true,
      params: expect.objectContaining({ limit: 1000 }),
    });
    expect(prepareWork({ workload: 'io.sleep', taskCount: 8 }, 1).isSizeExplicit).toBe(true);
  });

  it('gives a fault demo its own timeout unless the config sets one', () => {
    expect(prepareWork({ workload: 'fault.hang' }, 1).faultOptions.taskTimeoutMs).toBe(2_000);
    const set = prepareWork({ workload: 'fault.hang', taskTimeoutMs: 500, rounds: 2 }, 1);
    expect(set).toMatchObject({ faultOptions: { taskTimeoutMs: 500 }, rounds: 2 });
  });

  it('refuses an unknown workload or param by name', () => {
    expect(() => prepareWork({ workload: 'cpu.nope' }, 1)).toThrow(/workload/);
    expect(() => prepareWork({ workload: 'cpu.primes', params: { nope: 1 } }, 1)).toThrow(
      /^params\.nope: unknown key; expected one of limit \(the params of cpu\.primes\)$/,
    );
  });
});
