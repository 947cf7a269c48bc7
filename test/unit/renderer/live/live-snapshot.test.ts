import { describe, expect, it } from 'vitest';
import type { LiveResult, LiveSample } from '../../../../src/shared/live/live-schema';
import {
  buildSnapshot,
  parseSnapshot,
  serializeSnapshot,
  type Snapshot,
} from '../../../../src/shared/snapshot';
import { occupancyByCore } from '../../../../src/shared/core-occupancy';
import type { CoreSample } from '../../../../src/shared/results';
import {
  coresBusyRows,
  liveScalingOverlay,
  liveSnapshotContentOf,
  liveStateOfSnapshot,
} from '../../../../src/renderer/live/live-snapshot';
import { initialLiveState, type LiveState } from '../../../../src/renderer/live/live-state';
import { HOST_INFO } from '../../../fixtures/fake-lab-api';
import { runContent } from '../../../fixtures/snapshots';

const STARTED_AT = '2025-01-01T00:00:00.000Z';
const START_MS = Date.parse(STARTED_AT);

const sample = (atMs: number, workers: number, taskUs: number): LiveSample => ({
  model: 'worker-threads',
  atMs,
  workers,
  tasksPerSec: 1000 * workers,
  tasksDone: atMs,
  dispatchToStartUsP50: 25,
  taskUs,
  measuredTaskUsP50: taskUs,
});

function result(rates: [number, number]): LiveResult {
  return {
    runId: 'live-1',
    startedAt: STARTED_AT,
    config: {
      workload: 'cpu.primes',
      params: {},
      models: [{ model: 'worker-threads', workers: 1 }],
      taskUs: 1000,
    },
    isCancelled: true,
    durationMs: 3000,
    fit: null,
    models: [
      {
        model: 'worker-threads',
        steps: [
          {
            workers: 1,
            taskUs: 1000,
            durationMs: 1000,
            tasksDone: rates[0],
            tasksPerSec: rates[0],
          },
          {
            workers: 2,
            taskUs: 1000,
            durationMs: 1500,
            tasksDone: 1.5 * rates[1],
            tasksPerSec: rates[1],
          },
          // Half a second at another size: not the size the curve is drawn at.
          { workers: 2, taskUs: 50, durationMs: 500, tasksDone: 9000, tasksPerSec: 18000 },
        ],
        samples: [sample(1000, 1, 1000), sample(2500, 2, 1000), sample(3000, 2, 50)],
        resizes: [{ model: 'worker-threads', atMs: 1000, from: 1, to: 2, firstTaskAtMs: 1020 }],
        tasksDone: 5000,
        checksumVerified: true,
        checksumNote: null,
        error: null,
      },
    ],
  };
}

const cores = (t: number, busy: number[]): CoreSample => ({ t, cores: busy });
const history = {
  slice: (from: number, to: number) =>
    [
      cores(START_MS - 5000, [0, 0]),
      cores(START_MS + 500, [100, 50]),
      cores(START_MS + 9000, [1, 1]),
    ].filter((s) => s.t >= from && s.t <= to),
};

function saved(name: string, rates: [number, number]): Snapshot {
  const state: LiveState = { ...initialLiveState, result: result(rates) };
  const draft = liveSnapshotContentOf(state, history);
  if (!('content' in draft)) throw new Error(draft.reason);
  return buildSnapshot(
    { name, note: '', createdAt: STARTED_AT, appVersion: '0.0.0', host: HOST_INFO },
    draft.content,
  );
}

describe('live snapshots', () => {
  it('cannot be saved while the run goes on, or before any', () => {
    expect(liveSnapshotContentOf({ ...initialLiveState, phase: 'running' }, history)).toEqual({
      reason: 'Wait until the live run has ended',
    });
    expect(liveSnapshotContentOf(initialLiveState, history)).toEqual({ reason: 'Run live first' });
  });

  it('keep the run and the cores of its time span, and reopen as an ended live run', () => {
    const snapshot = saved('one', [1000, 1900]);
    expect(snapshot.kind).toBe('live');
    expect(snapshot.coreSeries.map((s) => s.t)).toEqual([START_MS + 500]);
    if (snapshot.kind !== 'live') return;
    const state = liveStateOfSnapshot(snapshot);
    expect(state).toMatchObject({
      phase: 'idle',
      taskUs: 50,
      isError: false,
      status: 'Snapshot one',
    });
    expect(state.models[0]).toMatchObject({ model: 'worker-threads', workers: 2 });
    expect(state.models[0]?.resizes).toHaveLength(1);
    expect(coresBusyRows(snapshot.coreSeries, snapshot.live.startedAt)).toEqual([
      { seconds: 0.5, busy: 1.5 },
    ]);
  });

  it("keep which model ran on each core through a save and a reopen; a comparison's do not", () => {
    const occupied: CoreSample = {
      t: START_MS + 700,
      cores: [90, 10],
      occupants: [{ model: 'worker-threads', workers: [1] }, null],
    };
    const withOccupants = {
      slice: (from: number, to: number) =>
        [...history.slice(from, to), occupied].filter((s) => s.t >= from && s.t <= to),
    };
    const draft = liveSnapshotContentOf(
      { ...initialLiveState, result: result([1000, 1900]) },
      withOccupants,
    );
    if (!('content' in draft)) throw new Error(draft.reason);
    const meta = {
      name: 'cores',
      note: '',
      createdAt: STARTED_AT,
      appVersion: '0.0.0',
      host: HOST_INFO,
    };
    const reopened = parseSnapshot(serializeSnapshot(buildSnapshot(meta, draft.content)), 'c.json');
    expect(reopened.coreSeries.at(-1)).toEqual(occupied);
    expect(occupancyByCore(reopened.coreSeries)).toEqual([
      [{ model: 'worker-threads', share: 1 }],
      [],
    ]);
    // A comparison keeps each task's core in its timeline instead.
    const run = parseSnapshot(
      serializeSnapshot(buildSnapshot(meta, { ...runContent(), coreSeries: [occupied] })),
      'r.json',
    );
    expect(run.coreSeries).toEqual([{ t: occupied.t, cores: occupied.cores }]);
  });

  it('compare as throughput against workers at the size each ran longest', () => {
    const overlay = liveScalingOverlay(
      [saved('one', [1000, 1900]), saved('two', [800, 1500])],
      ['A', 'B'],
    );
    expect(overlay.series.map((s) => s.label)).toEqual([
      'A: Threads, 1 ms tasks',
      'B: Threads, 1 ms tasks',
    ]);
    expect(overlay.rows).toEqual([
      { workers: 1, 's0-worker-threads': 1000, 's1-worker-threads': 800 },
      { workers: 2, 's0-worker-threads': 1900, 's1-worker-threads': 1500 },
    ]);
  });
});
