import { describe, expect, it } from 'vitest';
import { snapshotToCsv } from '../../../../src/shared/snapshot-export';
import { fitScaling } from '../../../../src/shared/stats/scaling';
import { parseScalingCsv, scalingCsv } from '../../../../src/shared/stats/scaling-csv';
import { HOST_INFO, modelResult } from '../../../fixtures/fake-lab-api';
import { sampleSnapshot, sweepContent } from '../../../fixtures/snapshots';

describe('parseScalingCsv', () => {
  it('reads CRLF lines, a byte-order mark, quoted cells, blank lines and extra columns', () => {
    const text =
      '\uFEFFhost,"workers",throughput\r\n"a, b",1,10\r\n\r\nc,2,19\r\n"d ""e""",3,27\r\nf,4,33\r\n';
    expect(parseScalingCsv(text)).toEqual([
      { workers: 1, throughput: 10 },
      { workers: 2, throughput: 19 },
      { workers: 3, throughput: 27 },
      { workers: 4, throughput: 33 },
    ]);
  });

  it('turns wallMs into runs per second', () => {
    const observations = parseScalingCsv('workers,wallMs\n1,1000\n2,500\n3,400\n4,250\n');
    expect(observations.map((o) => o.throughput)).toEqual([1, 2, 2.5, 4]);
  });

  it('reads back what scalingCsv writes', () => {
    const observations = [1, 2, 3, 4, 4].map((workers, i) => ({ workers, throughput: 10 + i }));
    expect(() => parseScalingCsv(scalingCsv(observations))).toThrow(/line 6 repeats workers = 4/);
    const distinct = observations.slice(0, 4);
    expect(parseScalingCsv(scalingCsv(distinct))).toEqual(distinct);
  });

  it("reads a sweep snapshot's CSV export, so a saved sweep can be fitted anywhere", () => {
    const base = sweepContent();
    const results = [1, 2, 3, 4].map((workers) =>
      modelResult({ workers, wallMs: 100 / Math.min(workers, 3) }),
    );
    // A CPU name with a comma and quotes: the export quotes it, and the parser must cope.
    const snapshot = sampleSnapshot(
      'sweep',
      { ...base, results, modelStartsMs: results.map(() => null) } as typeof base,
      {
        host: { ...HOST_INFO, cpuModel: 'Acme "Fast", 8-core' },
      },
    );
    const observations = parseScalingCsv(snapshotToCsv(snapshot), 'export.csv');
    expect(observations.map((o) => o.workers)).toEqual([1, 2, 3, 4]);
    expect(observations[0]!.throughput).toBeCloseTo(10, 10);
    expect(fitScaling(observations).usl).not.toBeNull();
  });
});
