import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import { mean, percentile, summarizeLatency } from '../../../../src/shared/stats/percentiles';

describe('percentile', () => {
  it('interpolates linearly between the closest ranks', () => {
    // rank = p/100 × (n − 1): p50 of 4 values sits halfway between the 2nd and 3rd.
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 12);
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 12);
  });

  it('returns the exact value when the rank is whole', () => {
    expect(percentile([15, 20, 35, 40, 50], 25)).toBe(20);
    expect(percentile([15, 20, 35, 40, 50], 50)).toBe(35);
  });

  it('gives the minimum at p0 and the maximum at p100', () => {
    expect(percentile([3, 7, 11], 0)).toBe(3);
    expect(percentile([3, 7, 11], 100)).toBe(11);
  });

  it('gives p99 of 1..100 as 99.01', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBeCloseTo(99.01, 12);
  });

  it('returns the only value of a single-element list for any p', () => {
    expect(percentile([42], 0)).toBe(42);
    expect(percentile([42], 37)).toBe(42);
    expect(percentile([42], 100)).toBe(42);
  });

  it('rejects p outside 0..100 naming the range', () => {
    expect(() => percentile([1, 2], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1, 2], -1)).toThrow(LabError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(LabError);
  });

  it('rejects an empty list', () => {
    expect(() => percentile([], 50)).toThrow(/must not be empty/);
  });
});

describe('mean', () => {
  it('averages values and gives 0 for none', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBe(0);
  });
});

describe('summarizeLatency', () => {
  it('summarises unsorted latencies with hand-computed percentiles', () => {
    expect(summarizeLatency([5, 1, 4, 2, 3])).toEqual({
      p50Ms: 3,
      p95Ms: expect.closeTo(4.8, 12) as number,
      p99Ms: expect.closeTo(4.96, 12) as number,
      meanMs: 3,
      maxMs: 5,
    });
  });

  it('sorts numerically, not as strings', () => {
    const summary = summarizeLatency([10, 9, 100]);
    expect(summary.p50Ms).toBe(10);
    expect(summary.maxMs).toBe(100);
  });

  it('leaves the caller’s array untouched', () => {
    const values = [3, 1, 2];
    summarizeLatency(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('gives all zeros for no tasks', () => {
    expect(summarizeLatency([])).toEqual({ p50Ms: 0, p95Ms: 0, p99Ms: 0, meanMs: 0, maxMs: 0 });
  });
});
