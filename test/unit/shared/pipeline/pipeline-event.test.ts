import { describe, expect, it } from 'vitest';
import { createRandomWalk } from '../../../../src/shared/pipeline/pipeline-event';

/** The first `count` values of a walk. */
function take(seed: number, producer: number, count: number): number[] {
  const walk = createRandomWalk(seed, producer);
  return Array.from({ length: count }, () => walk.next());
}

describe('createRandomWalk', () => {
  it('stays in 0..255 and moves at most 10 per step', () => {
    const values = take(7, 0, 20_000);
    for (const [i, value] of values.entries()) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(255);
      if (i > 0) expect(Math.abs(value - values[i - 1]!)).toBeLessThanOrEqual(10);
    }
    // 20 000 steps of a ±10 walk reach both walls, so the clamping is exercised.
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBe(255);
  });

  it('repeats for the same seed and producer, and differs between producers', () => {
    expect(take(1, 3, 100)).toEqual(take(1, 3, 100));
    expect(take(1, 3, 100)).not.toEqual(take(1, 4, 100));
    expect(take(1, 3, 100)).not.toEqual(take(2, 3, 100));
  });
});
