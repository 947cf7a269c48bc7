import { describe, expect, it } from 'vitest';
import {
  parseSnapshot,
  pipelineContent,
  serializeSnapshot,
  SNAPSHOT_LIMITS,
  summarizeSnapshot,
} from '../../../src/shared/snapshot';
import { CURRENT_SNAPSHOT_VERSION } from '../../../src/shared/snapshot-migrate';
import { compareSnapshots } from '../../../src/shared/snapshot-compare';
import { snapshotToChromeTrace, snapshotToCsv } from '../../../src/shared/snapshot-export';
import {
  pipelineContent as pipelineFixture,
  pipelineResult,
  sampleSnapshot,
} from '../../fixtures/snapshots';

const pipelineSnapshot = (name = 'queue demo', consumedPerSec = 398.5) =>
  sampleSnapshot(
    name,
    pipelineFixture(pipelineResult({ totals: { ...pipelineResult().totals, consumedPerSec } })),
  );

describe('pipeline snapshots', () => {
  it('read back what was written, at the current schemaVersion', () => {
    const snapshot = pipelineSnapshot();
    const read = parseSnapshot(serializeSnapshot(snapshot), 'queue demo.json');
    expect(read).toEqual(snapshot);
    expect(read.schemaVersion).toBe(CURRENT_SNAPSHOT_VERSION);
    if (read.kind !== 'pipeline') throw new Error(`expected a pipeline, got ${read.kind}`);
    expect(read.pipeline.totals.consumed).toBe(400);
    expect(read.pipeline.samples).toHaveLength(2);
    expect(read.coreSeries).toHaveLength(2);
  });

  it('list as a pipeline of their model', () => {
    expect(summarizeSnapshot(pipelineSnapshot())).toMatchObject({
      kind: 'pipeline',
      workload: 'pipeline',
      models: ['worker-threads'],
    });
  });

  it('refuse model results, naming the field', () => {
    const snapshot = pipelineSnapshot();
    const text = JSON.stringify({ ...snapshot, results: sampleSnapshot().results });
    expect(() => parseSnapshot(text, 'p.json')).toThrow(/p\.json: results: .*empty/);
  });

  it('keep the end of a sample series longer than the limit', () => {
    const base = pipelineResult();
    const samples = Array.from({ length: SNAPSHOT_LIMITS.maxPipelineSamples + 5 }, (_, i) => ({
      ...base.samples[0]!,
      t: i,
    }));
    const content = pipelineContent({ ...base, samples }, []);
    if (content.kind !== 'pipeline') throw new Error('expected a pipeline');
    expect(content.pipeline.samples).toHaveLength(SNAPSHOT_LIMITS.maxPipelineSamples);
    expect(content.pipeline.samples[0]!.t).toBe(5);
  });

  it('export to CSV as one row of totals', () => {
    const lines = snapshotToCsv(pipelineSnapshot()).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(3);
    const header = lines[0]!.split(',');
    const row = lines[1]!.split(',');
    const field = (name: string): string => row[header.indexOf(name)]!;
    expect(field('kind')).toBe('pipeline');
    expect(field('transport')).toBe('shared-memory');
    expect(field('produced')).toBe('400');
    expect(field('consumedPerSec')).toBe('398.5');
    expect(field('latencyP99Ms')).toBe('1.5');
    expect(field('lockWaitMs')).toBe('2.5');
    expect(field('lost')).toBe('0');
  });

  it('export to a trace with rate and depth counters beside the core counters', () => {
    const trace = snapshotToChromeTrace(pipelineSnapshot());
    const counters = (name: string) =>
      trace.traceEvents.filter((e) => e.ph === 'C' && e.name === name);
    expect(counters('produced/s').map((e) => e.args)).toEqual([
      { 'events/s': 390 },
      { 'events/s': 402 },
    ]);
    expect(counters('consumed/s')).toHaveLength(2);
    expect(counters('queue depth').map((e) => e.args)).toEqual([{ events: 3 }, { events: 7 }]);
    expect(counters('core 0')).toHaveLength(2);
    // The run's start (t0) is the origin; the first pipeline sample came 250 ms after it.
    expect(counters('produced/s')[0]!.ts).toBe(250_000);
    expect(trace.otherData.workload).toBe('pipeline');
  });

  it('compare by consumed events per second, in a sentence', () => {
    const comparison = compareSnapshots([
      pipelineSnapshot('before', 400),
      pipelineSnapshot('after', 800),
    ]);
    expect(comparison.rows).toEqual([]);
    expect(comparison.pipelineRates).toEqual([400, 800]);
    expect(comparison.sentences).toEqual([
      'pipeline: 2.0× faster on B (after) than on A (before) (consumed events/s)',
    ]);
    expect(comparison.warnings).toEqual([]);
  });

  it('warn when compared with a run', () => {
    const comparison = compareSnapshots([sampleSnapshot('run'), pipelineSnapshot()]);
    expect(comparison.warnings).toEqual([
      'B is a pipeline and A is a run: a pipeline is compared only with pipelines',
    ]);
    expect(comparison.pipelineRates).toEqual([null, 398.5]);
  });
});
