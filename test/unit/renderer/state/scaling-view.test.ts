import { describe, expect, it } from 'vitest';
import { fitScaling } from '../../../../src/shared/stats/scaling';
import {
  importScalingCsv,
  scalingChartRows,
  scalingRows,
} from '../../../../src/renderer/state/scaling-view';

describe('scaling view', () => {
  const observations = [
    { workers: 1, throughput: 10 },
    { workers: 1, throughput: 12 },
    { workers: 2, throughput: 20 },
    { workers: 3, throughput: 27 },
    { workers: 4, throughput: 32 },
  ];

  it('averages the rounds of each worker count, with speedup against the baseline', () => {
    const rows = scalingRows(observations, 11);
    expect(rows[0]).toEqual({ workers: 1, throughput: 11, count: 2, speedup: 1, efficiency: 1 });
    expect(rows.map((r) => r.workers)).toEqual([1, 2, 3, 4]);
    expect(rows[3]!.efficiency).toBeCloseTo(32 / 11 / 4, 12);
  });

  it('draws the fitted curves in speedup units, and none that were not fitted', () => {
    const fit = fitScaling(observations);
    const baseline = fit.baselineThroughput;
    expect(baseline).toBe(11);
    const chart = scalingChartRows(scalingRows(observations, baseline), fit, baseline, 4);
    expect(chart[0]).toMatchObject({ workers: 1, measured: 1, ideal: 1 });
    expect(chart.find((r) => r.workers === 1.25)!.measured).toBeNull();
    const atFour = chart.at(-1)!;
    expect(atFour.usl as number).toBeCloseTo(32 / 11, 1);
    const twoCounts = fitScaling(observations.slice(0, 3));
    const sparse = scalingChartRows(scalingRows(observations.slice(0, 3), 11), twoCounts, 11, 2);
    expect(sparse.every((r) => r.usl === null && r.amdahl === null)).toBe(true);
  });

  it('imports a CSV and names the file in a refusal', () => {
    expect(
      importScalingCsv('workers,throughput\n1,1\n2,2\n3,3\n4,4\n', 'a.csv').fit.usl,
    ).not.toBeNull();
    expect(() => importScalingCsv('workers,throughput\n1,1\n', 'b.csv')).toThrow(
      /^b\.csv has 1 data rows/,
    );
  });
});
