import { describe, expect, it } from 'vitest';
import {
  coreOccupants,
  describeOccupant,
  occupancyByCore,
  type ThreadInterval,
} from '../../../src/shared/core-occupancy';

/** A thread's interval: it ran `ranMs` and was last on `processor`. */
function interval(processor: number | null, ranMs: number): ThreadInterval {
  return {
    previous: { tEpochMs: 0, runNs: 5e6, waitNs: 0, processor: 0 },
    latest: { tEpochMs: 100, runNs: 5e6 + ranMs * 1e6, waitNs: 0, processor },
  };
}

describe('coreOccupants', () => {
  it('names the thread that ran on each core and leaves the others null', () => {
    expect(coreOccupants(4, [interval(2, 90), interval(0, 40)])).toEqual([1, null, 0, null]);
  });

  it('gives a core two threads shared to the one that ran longer there', () => {
    expect(coreOccupants(2, [interval(1, 30), interval(1, 70), interval(1, 50)])).toEqual([
      null,
      1,
    ]);
  });

  it('does not count a thread that slept through the interval on its last CPU', () => {
    expect(coreOccupants(2, [interval(1, 0), interval(0, 10)])).toEqual([1, null]);
  });

  it('skips threads with no interval, no readable CPU or a CPU outside the sample', () => {
    expect(coreOccupants(2, [null, interval(null, 50), interval(7, 50), interval(-1, 5)])).toEqual([
      null,
      null,
    ]);
  });

  it('answers with one null per core when no thread is watched', () => {
    expect(coreOccupants(3, [])).toEqual([null, null, null]);
  });
});

describe('describeOccupant', () => {
  it('names the model and its one worker', () => {
    expect(describeOccupant({ model: 'worker-threads', workers: [2] })).toBe(
      'Worker threads, worker 2',
    );
  });

  it('says when several workers share the thread, as a range where it is one', () => {
    expect(describeOccupant({ model: 'event-loop', workers: [0, 1, 2, 3] })).toBe(
      'Event loop (async/await), workers 0–3 on one thread',
    );
    expect(describeOccupant({ model: 'event-loop', workers: [1, 4] })).toBe(
      'Event loop (async/await), workers 1, 4 on one thread',
    );
  });
});

describe('occupancyByCore', () => {
  const threads = { model: 'worker-threads' as const, workers: [0] };
  const python = { model: 'python-threading' as const, workers: [1] };

  it("gives each core its models' parts of the samples that name occupants, largest first", () => {
    expect(
      occupancyByCore([
        { cores: [90, 90], occupants: [threads, python] },
        { cores: [90, 10], occupants: [python, null] },
        { cores: [90, 90], occupants: [python, threads] },
        { cores: [90, 90], occupants: [python, null] },
        // Sampled before the run's threads were watched: it says nothing either way.
        { cores: [5, 5] },
      ]),
    ).toEqual([
      [
        { model: 'python-threading', share: 0.75 },
        { model: 'worker-threads', share: 0.25 },
      ],
      [
        { model: 'python-threading', share: 0.25 },
        { model: 'worker-threads', share: 0.25 },
      ],
    ]);
  });

  it('is null when no sample names occupants: unknown, not idle', () => {
    expect(occupancyByCore([{ cores: [50] }, { cores: [60] }])).toBeNull();
  });
});
