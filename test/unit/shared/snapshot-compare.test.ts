import { describe, expect, it } from 'vitest';
import type { SnapshotContent } from '../../../src/shared/snapshot';
import { compareSnapshots, snapshotLabel } from '../../../src/shared/snapshot-compare';
import { modelResult } from '../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot, sweepContent } from '../../fixtures/snapshots';

const laptop = sampleSnapshot(
  'laptop',
  runContent([
    modelResult({ model: 'event-loop', workers: 2, tasksPerSec: 100 }),
    modelResult({ model: 'worker-threads', workers: 2, tasksPerSec: 200 }),
    modelResult({ model: 'child-process', workers: 2, tasksPerSec: 150 }),
  ]),
);
const server = sampleSnapshot(
  'server',
  runContent([
    modelResult({ model: 'event-loop', workers: 2, tasksPerSec: 101 }),
    modelResult({ model: 'worker-threads', workers: 2, tasksPerSec: 380 }),
    modelResult({ model: 'child-process', workers: 2, tasksPerSec: 50 }),
  ]),
);

describe('compareSnapshots', () => {
  it('gives each model its throughput per snapshot and its ratio to A', () => {
    const comparison = compareSnapshots([laptop, server]);
    expect(comparison.snapshots.map((s) => [s.label, s.name])).toEqual([
      ['A', 'laptop'],
      ['B', 'server'],
    ]);
    const threads = comparison.rows.find((r) => r.model === 'worker-threads')!;
    expect(threads.cells.map((c) => c?.tasksPerSec)).toEqual([200, 380]);
    expect(threads.ratios).toEqual([1, 1.9]);
  });

  it('says the differences in plain words', () => {
    expect(compareSnapshots([laptop, server]).sentences).toEqual([
      'Event loop (async/await): about the same on B (server) as on A (laptop) (1.01×)',
      'Worker threads: 1.9× faster on B (server) than on A (laptop)',
      'Child processes: 3.0× slower on B (server) than on A (laptop)',
    ]);
  });

  it('leaves a model out of the ratios where a snapshot lacks it', () => {
    const onlyThreads = sampleSnapshot(
      'threads only',
      runContent([modelResult({ model: 'worker-threads', workers: 2, tasksPerSec: 100 })]),
    );
    const comparison = compareSnapshots([onlyThreads, laptop]);
    const loop = comparison.rows.find((r) => r.model === 'event-loop')!;
    expect(loop.cells[0]).toBeNull();
    expect(loop.ratios).toEqual([null, null]);
    expect(loop.sentences).toEqual([]);
  });

  it('takes the best complete result of a sweep, and says the worker counts differ', () => {
    const comparison = compareSnapshots([laptop, sampleSnapshot('sweep', sweepContent())]);
    const threads = comparison.rows.find((r) => r.model === 'worker-threads')!;
    expect(threads.cells[1]).toEqual({ tasksPerSec: 180, workers: 2, wallMs: 12 });
    expect(comparison.warnings).toEqual([]);
    const partial = sampleSnapshot(
      'partial',
      runContent([
        modelResult({ model: 'worker-threads', workers: 8, tasksPerSec: 999, isPartial: true }),
        modelResult({ model: 'event-loop', workers: 4, tasksPerSec: 100 }),
      ]),
    );
    const mixed = compareSnapshots([laptop, partial]);
    expect(mixed.rows.find((r) => r.model === 'worker-threads')!.cells[1]).toBeNull();
    expect(mixed.warnings).toEqual([
      'event-loop ran with different worker counts (2 on A, 4 on B)',
    ]);
  });

  it('warns when the snapshots did different work', () => {
    const other = sampleSnapshot('io', {
      ...runContent(),
      config: { ...runContent().config, workload: 'io.sleep' },
    } as SnapshotContent);
    expect(compareSnapshots([laptop, other]).warnings[0]).toBe(
      'B ran io.sleep and A ran cpu.primes: their throughputs measure different work',
    );
    const bigger = sampleSnapshot('bigger', {
      ...runContent(),
      config: { ...runContent().config, params: { limit: 9 } },
    } as SnapshotContent);
    expect(compareSnapshots([laptop, bigger]).warnings[0]).toMatch(
      /other parameters or task count/,
    );
  });
});

describe('snapshotLabel', () => {
  it('counts A to Z, then AA', () => {
    expect([0, 1, 25, 26, 27].map(snapshotLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});
