import { describe, expect, it } from 'vitest';
import { formatMsRange, formatWallSpread } from '../../../src/shared/format-spread';

describe('formatWallSpread', () => {
  it('gives the median with the range and count of rounds', () => {
    expect(formatWallSpread({ wallMs: 1230, wallMsMin: 1200, wallMsMax: 1310, rounds: 3 })).toBe(
      '1.23 s (1.20–1.31 s, 3 rounds)',
    );
  });

  it('says there is one round rather than inventing a range', () => {
    expect(formatWallSpread({ wallMs: 850, wallMsMin: 850, wallMsMax: 850, rounds: 1 })).toBe(
      '850 ms (1 round)',
    );
  });

  it('names both units when the ends of a range differ', () => {
    expect(formatMsRange(950, 1040)).toBe('950 ms – 1.04 s');
    expect(formatMsRange(120, 180)).toBe('120–180 ms');
  });
});
