import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import { getWorkload, resolveParams, WORKLOADS } from '../../../../src/shared/workloads/registry';

const primes = getWorkload('cpu.primes');

/** The LabError a call throws, for checking its code and message together. */
function thrown(call: () => unknown): LabError {
  try {
    call();
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error('expected a LabError');
}

describe('workload registry', () => {
  it('holds the required workloads by id, each once', () => {
    const ids = WORKLOADS.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The ones the product promises; a new workload joins without touching this list.
    expect(ids).toEqual(
      expect.arrayContaining([
        'cpu.primes',
        'cpu.hash',
        'cpu.mandelbrot',
        'io.sleep',
        'io.file',
        'io.http',
        'mixed',
        'fault.throw',
        'fault.exit',
        'fault.hang',
        'fault.oom',
        'fault.flood',
      ]),
    );
  });

  it('refuses an unknown id, listing the known ones', () => {
    const error = thrown(() => getWorkload('cpu.nope'));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe(`workload must be one of: ${WORKLOADS.map((w) => w.id).join(', ')}`);
    expect(error.message).toMatch(/^workload must be one of: cpu\.primes, cpu\.hash, /);
  });

  it.each(WORKLOADS.map((w) => [w.id, w] as const))(
    '%s has defaults inside its own ranges and a sensible task count',
    (_id, workload) => {
      expect(resolveParams(workload, {})).toEqual(
        Object.fromEntries(workload.params.map((spec) => [spec.name, spec.default])),
      );
      for (const spec of workload.params) expect(spec.min).toBeLessThanOrEqual(spec.max);
      expect(workload.defaultTasks).toBeGreaterThanOrEqual(64);
      expect(workload.defaultTasks).toBeLessThanOrEqual(200);
    },
  );
});

describe('resolveParams', () => {
  it('keeps given values and fills the rest with defaults', () => {
    expect(resolveParams(primes, { limit: 5000 })).toEqual({ limit: 5000 });
    expect(resolveParams(getWorkload('io.http'), { bytes: 10 })).toEqual({
      bytes: 10,
      latencyMs: 20,
    });
  });

  it('refuses a name the workload does not have', () => {
    const error = thrown(() => resolveParams(primes, { limt: 5000 }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe(
      'params.limt: unknown key; expected one of limit (the params of cpu.primes)',
    );
  });

  it.each([999, 100_000_001, 1500.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses limit = %d, naming the range',
    (limit) => {
      const error = thrown(() => resolveParams(primes, { limit }));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toBe('limit must be an integer between 1000 and 100000000');
    },
  );

  it('accepts both ends of a range', () => {
    expect(resolveParams(primes, { limit: 1000 })).toEqual({ limit: 1000 });
    expect(resolveParams(primes, { limit: 100_000_000 })).toEqual({ limit: 100_000_000 });
  });

  it('words the rule for a non-integer param', () => {
    const real = { ...primes, params: [{ ...primes.params[0]!, isInteger: false }] };
    expect(resolveParams(real, { limit: 1500.5 })).toEqual({ limit: 1500.5 });
    expect(thrown(() => resolveParams(real, { limit: 1 })).message).toBe(
      'limit must be a number between 1000 and 100000000',
    );
  });
});
