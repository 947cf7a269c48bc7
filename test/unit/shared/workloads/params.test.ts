import { describe, expect, it } from 'vitest';
import { intParam, paramValue } from '../../../../src/shared/workloads/params';

describe('paramValue', () => {
  const spec = intParam('limit', 'Limit', { min: 1, max: 10, default: 4 });

  it('reads a given value and falls back to the default', () => {
    expect(paramValue({ limit: 7 }, spec)).toBe(7);
    expect(paramValue({}, spec)).toBe(4);
  });
});
