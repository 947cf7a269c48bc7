import { describe, expect, it } from 'vitest';
import {
  entriesFromSnapshot,
  sampleIntervalOf,
  speedupOverlay,
  sweepViewFromSnapshot,
  throughputBars,
} from '../../../../src/renderer/state/snapshot-view';
import { compareSnapshots } from '../../../../src/shared/snapshot-compare';
import { runContent, sampleSnapshot, sweepContent } from '../../../fixtures/snapshots';

describe('a reopened snapshot', () => {
  it('gives each result the core samples around its own run', () => {
    const snapshot = sampleSnapshot();
    const [first, second] = entriesFromSnapshot(snapshot);
    expect(first!.startSamplerMs).toBe(snapshot.modelStartsMs[0]);
    expect(first!.coreSamples).toHaveLength(3);
    expect(second!.result).toEqual(snapshot.results[1]);
    const unknownStart = entriesFromSnapshot(
      sampleSnapshot('x', { ...runContent(), modelStartsMs: [null, null] }),
    );
    expect(unknownStart[0]!.coreSamples).toEqual([]);
  });

  it('shows a sweep as the sweep panel does, and a run as none', () => {
    expect(sweepViewFromSnapshot(sampleSnapshot())).toBeNull();
    const view = sweepViewFromSnapshot(sampleSnapshot('s', sweepContent()))!;
    expect(view.model).toBe('worker-threads');
    expect(view.points.map((p) => p.workers)).toEqual([1, 2]);
    expect(view.results).toHaveLength(2);
  });

  it('reads the sampler interval off the series', () => {
    expect(sampleIntervalOf(sampleSnapshot())).toBe(100);
    expect(sampleIntervalOf(sampleSnapshot('s', sweepContent()))).toBe(100);
  });
});

describe('comparison charts', () => {
  it('has a row per model and a series per snapshot', () => {
    const bars = throughputBars(
      compareSnapshots([sampleSnapshot('a'), sampleSnapshot('b', sweepContent())]),
    );
    expect(bars.series.map((s) => [s.key, s.label])).toEqual([
      ['s0', 'A: a'],
      ['s1', 'B: b'],
    ]);
    expect(bars.rows.map((r) => [r.model, r.s0, r.s1])).toEqual([
      ['event-loop', 100, null],
      ['worker-threads', 190, 180],
    ]);
  });

  it('overlays the speedup curves of the sweeps only, with the ideal line', () => {
    const snapshots = [sampleSnapshot('a'), sampleSnapshot('b', sweepContent())];
    const overlay = speedupOverlay(snapshots, ['A', 'B']);
    expect(overlay.series.map((s) => s.key)).toEqual(['s1', 'ideal']);
    expect(overlay.rows).toEqual([
      { workers: 1, s1: 1, ideal: 1 },
      { workers: 2, s1: 20 / 12, ideal: 2 },
    ]);
    expect(speedupOverlay([sampleSnapshot('a')], ['A']).series).toEqual([]);
  });
});
