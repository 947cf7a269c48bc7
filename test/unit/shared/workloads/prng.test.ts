import { describe, expect, it } from 'vitest';
import { deterministicBytes } from '../../../../src/shared/workloads/prng';

describe('deterministicBytes', () => {
  it('repeats for a seed and differs between seeds', () => {
    expect(deterministicBytes(42, 100)).toEqual(deterministicBytes(42, 100));
    expect(deterministicBytes(42, 100)).not.toEqual(deterministicBytes(43, 100));
  });

  it('fills lengths that are not a multiple of 4, as a prefix of the longer stream', () => {
    const long = deterministicBytes(0, 16);
    for (const length of [0, 1, 2, 3, 5, 15]) {
      expect(deterministicBytes(0, length)).toEqual(long.subarray(0, length));
    }
  });

  it('looks random enough: every byte value occurs', () => {
    expect(new Set(deterministicBytes(0, 16_384)).size).toBe(256);
  });
});
