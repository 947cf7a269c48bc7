import { describe, expect, it } from 'vitest';
import { serializeError, LabError } from '../../../../src/shared/errors';
import { RunTally } from '../../../../src/shared/pool/run-tally';
import type { RunEvent } from '../../../../src/shared/run-events';
import { foldTaskChecksum } from '../../../../src/shared/workloads/checksum';

function tally(events: RunEvent[] = []): RunTally {
  return new RunTally({
    runId: 'run-1',
    model: 'event-loop',
    taskCount: 2,
    onEvent: (e) => events.push(e),
  });
}

describe('RunTally', () => {
  it('records timeline entries relative to the run start', () => {
    const t = tally();
    t.recordTask(1, 0, t.startEpochMs + 5, t.startEpochMs + 12, true);
    expect(t.timeline).toEqual([
      { worker: 1, taskIndex: 0, startMs: 5, endMs: 12, isOk: true, cpu: null },
    ]);
  });

  it('throttles progress events but sends them when forced', () => {
    const events: RunEvent[] = [];
    const t = tally(events);
    t.recordTask(0, 0, t.startEpochMs, t.startEpochMs + 1, true);
    t.recordTask(0, 1, t.startEpochMs + 1, t.startEpochMs + 2, true);
    expect(events.map((e) => e.type)).toEqual(['tasks', 'progress']);
    t.recordResult(0, 7);
    t.reportProgress(true);
    expect(events.map((e) => e.type)).toEqual(['tasks', 'progress', 'tasks', 'progress']);
    expect(events[3]).toMatchObject({ type: 'progress', done: 1, total: 2 });
  });

  it('verifies a complete run against the expected checksum', () => {
    const t = tally();
    t.recordResult(0, 3);
    t.recordResult(1, 4);
    const expected = foldTaskChecksum(foldTaskChecksum(0, 0, 3), 1, 4);
    const summary = t.summarize({
      workers: 1,
      workload: 'cpu.primes',
      expectedChecksum: expected,
      fatal: null,
      workStartEpochMs: t.startEpochMs + 10,
      endEpochMs: t.startEpochMs + 110,
      busyMs: [50],
    });
    expect(summary).toMatchObject({
      tasksDone: 2,
      checksum: expected,
      verified: true,
      isPartial: false,
      // The work alone: start-up (spawn and warm-up) never enters wallMs.
      startupMs: 10,
      wallMs: 100,
      tasksPerSec: 20,
      workerBusyFraction: [0.5],
      error: null,
    });
  });

  it('reports a partial run with its first failure as the error', () => {
    const t = tally();
    const error = serializeError(new LabError('internal', 'boom'));
    t.recordResult(0, 3);
    t.recordFailure({ taskIndex: 1, worker: 0, error });
    const summary = t.summarize({
      workers: 1,
      workload: 'cpu.primes',
      expectedChecksum: 99,
      fatal: null,
      workStartEpochMs: 0,
      endEpochMs: t.startEpochMs + 20,
      busyMs: [5],
    });
    expect(summary).toMatchObject({
      checksum: null,
      verified: false,
      isPartial: true,
      error,
      startupMs: 20,
      tasksPerSec: 0,
      workerBusyFraction: [0],
    });
  });
});
