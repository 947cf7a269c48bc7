import { describe, expect, it } from 'vitest';
import { seriesMax } from '../../../../src/renderer/charts/chart-types';

const series = [
  { key: 'startupMs', label: 'Start-up', color: 'grey' },
  { key: 'workMs', label: 'Work', color: 'black' },
];
const rows = [
  { name: 'a', startupMs: 300, workMs: 800 },
  { name: 'b', startupMs: null, workMs: 900 },
];

describe('seriesMax', () => {
  it('is the largest single value, which picks the value axis unit', () => {
    expect(seriesMax(rows, series)).toBe(900);
  });

  it('is the largest row sum when the series are stacked (the wall-time bars cross 1 s)', () => {
    expect(seriesMax(rows, series, true)).toBe(1100);
  });

  it('is 0 with nothing to show', () => {
    expect(seriesMax([], series)).toBe(0);
    expect(seriesMax([{ name: 'c', startupMs: null, workMs: null }], series)).toBe(0);
  });
});
