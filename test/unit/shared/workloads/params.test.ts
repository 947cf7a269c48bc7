import { describe, expect, it } from 'vitest';
import { chunkBounds, intParam, paramValue } from '../../../../src/shared/workloads/params';

describe('chunkBounds', () => {
  it.each([
    [10, 3],
    [1000, 7],
    [5, 8],
    [0, 2],
  ])('splits [0, %i) into %i contiguous chunks without gaps or overlaps', (total, count) => {
    let expectedStart = 0;
    for (let i = 0; i < count; i++) {
      const [start, end] = chunkBounds(total, i, count);
      expect(start).toBe(expectedStart);
      expect(end).toBeGreaterThanOrEqual(start);
      expect(end - start).toBeLessThanOrEqual(Math.ceil(total / count));
      expectedStart = end;
    }
    expect(expectedStart).toBe(total);
  });
});

describe('paramValue', () => {
  const spec = intParam('limit', 'Limit', { min: 1, max: 10, default: 4 });

  it('reads a given value and falls back to the default', () => {
    expect(paramValue({ limit: 7 }, spec)).toBe(7);
    expect(paramValue({}, spec)).toBe(4);
  });
});
