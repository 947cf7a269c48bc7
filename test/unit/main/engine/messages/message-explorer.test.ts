/**
 * The message explorer with real threads, processes and Python (issue 17, item 4): rows for
 * every mode and size, checked payloads, and a SharedArrayBuffer that beats structured clone.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { exploreMessages } from '../../../../../src/main/engine/messages/message-explorer';
import { detectPython } from '../../../../../src/main/engine/python-detect';
import { createSpawnOwner } from '../../../../../src/main/engine/spawn-owner';
import type { MessageProgress } from '../../../../../src/shared/messages/message-cost';
import type { RoundTripBudget } from '../../../../../src/shared/messages/message-row';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const echoScript = path.join(root, 'out/workers/message-echo.js');
const pythonWorkerScript = path.join(root, 'src/python');
const quick: RoundTripBudget = {
  cellMs: 30,
  minRoundTrips: 3,
  maxRoundTrips: 50,
  slowCellMs: 500,
  slowMinRoundTrips: 2,
};

// A closed owner kills whatever it is handed next: each test gets its own.
let owner = createSpawnOwner();
afterEach(async () => {
  await owner.close();
  owner = createSpawnOwner();
});

const cells = (rows: { mode: string; bytes: number }[]): string[] =>
  rows.map((r) => `${r.mode}@${r.bytes}`).sort();

describe('exploreMessages', () => {
  it('measures every worker_threads mode and the bare control at each size', async () => {
    const progress: MessageProgress[] = [];
    const report = await exploreMessages(
      { echoScript, owner, budget: quick },
      { models: ['worker-threads'], sizes: [8, 4096] },
      (p) => progress.push(p),
    );
    expect(cells(report.rows)).toEqual([
      'bare-post-message@4096',
      'bare-post-message@8',
      'shared-array-buffer@4096',
      'shared-array-buffer@8',
      'structured-clone@4096',
      'structured-clone@8',
      'transfer@4096',
      'transfer@8',
    ]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.every((p) => p.total === 8)).toBe(true);
    for (const row of report.rows) {
      expect(row.roundTripMsP50).toBeGreaterThan(0);
      expect(row.roundTripMsP99).toBeGreaterThanOrEqual(row.roundTripMsP50);
    }
    expect(owner.liveCount).toBe(0);
  }, 30_000);

  it('finds a SharedArrayBuffer faster than structured clone at 8 MiB on this machine', async () => {
    const report = await exploreMessages(
      { echoScript, owner, budget: quick },
      { models: ['worker-threads'], sizes: [8 * 1024 * 1024] },
      () => {},
    );
    const p50 = (mode: string): number => report.rows.find((r) => r.mode === mode)!.roundTripMsP50;
    // A copy of 8 MiB both ways takes milliseconds; a handshake on shared bytes, microseconds.
    expect(p50('shared-array-buffer')).toBeLessThan(p50('structured-clone') / 2);
    expect(report.crossovers).toContainEqual({
      model: 'worker-threads',
      fasterMode: 'shared-array-buffer',
      slowerMode: 'structured-clone',
      fromBytes: 8 * 1024 * 1024,
    });
  }, 30_000);

  it('measures child_process IPC with both serialisations', async () => {
    const report = await exploreMessages(
      { echoScript, owner, budget: quick },
      { models: ['child-process'], sizes: [8, 65536] },
      () => {},
    );
    expect(cells(report.rows)).toEqual([
      'ipc-advanced@65536',
      'ipc-advanced@8',
      'ipc-json@65536',
      'ipc-json@8',
    ]);
    expect(owner.liveCount).toBe(0);
  }, 30_000);

  it('measures the Python modes, or names why Python is missing', async (context) => {
    const report = await exploreMessages(
      { echoScript, pythonWorkerScript, owner, budget: quick },
      { models: ['python-multiprocessing', 'python-threading'], sizes: [8, 1024 * 1024] },
      () => {},
    );
    const python = await detectPython();
    if (!python.available) {
      expect(report.rows).toEqual([]);
      expect(report.unavailable.map((u) => u.reason)).toEqual([python.reason, python.reason]);
      context.skip();
    }
    expect(cells(report.rows)).toEqual([
      'queue-pickle@1048576',
      'queue-pickle@8',
      'shared-memory@1048576',
      'shared-memory@8',
      'shared-object@1048576',
      'shared-object@8',
    ]);
    expect(report.unavailable).toEqual([]);
  }, 60_000);

  it('leaves the Python rows out, with the reason, when Python cannot be found', async () => {
    const saved = process.env.CORELAB_PYTHON;
    process.env.CORELAB_PYTHON = '/no/such/python3';
    try {
      const report = await exploreMessages(
        { echoScript, pythonWorkerScript, owner, budget: quick },
        { models: ['python-threading'], sizes: [8] },
        () => {},
      );
      expect(report.rows).toEqual([]);
      expect(report.unavailable).toEqual([
        { model: 'python-threading', reason: 'CORELAB_PYTHON=/no/such/python3: not found' },
      ]);
    } finally {
      if (saved === undefined) delete process.env.CORELAB_PYTHON;
      else process.env.CORELAB_PYTHON = saved;
    }
  });

  it('says the Node models are unavailable without the echo host', async () => {
    const report = await exploreMessages({ owner }, { models: ['worker-threads'] }, () => {});
    expect(report.rows).toEqual([]);
    expect(report.unavailable).toEqual([
      { model: 'worker-threads', reason: 'the echo host is not part of this build' },
    ]);
  });
});
