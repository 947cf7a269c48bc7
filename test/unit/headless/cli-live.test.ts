/** `corelab live` as a person runs it: a ramp's steps in JSON, a saved live snapshot, bad flags. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectPython } from '../../../src/main/engine/python-detect';
import type { Snapshot } from '../../../src/shared/snapshot';
import { CURRENT_SNAPSHOT_VERSION } from '../../../src/shared/snapshot-migrate';
import { runCli } from '../../helpers/cli';

const python = await detectPython();
let dataDir: string;
const cli = (args: string[]) => runCli(args, dataDir);

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-cli-live-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('corelab live', () => {
  it('ramps 1..3 child processes in one run and prints the steps, checksums and fit as JSON', () => {
    const run = cli([
      'live',
      '--model',
      'child-process',
      '--from',
      '1',
      '--to',
      '3',
      '--step-s',
      '0.6',
      '--task-us',
      '2000',
      '--json',
      '--save',
      'stairs',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      model: string;
      steps: { workers: number; durationMs: number; tasksDone: number; tasksPerSec: number }[];
      checksumVerified: boolean | null;
      fit?: { distinctWorkers: number };
    };
    expect(doc.model).toBe('child-process');
    expect(doc.steps.map((s) => s.workers)).toEqual([1, 2, 3]);
    for (const step of doc.steps) {
      expect(Object.keys(step).sort()).toEqual([
        'durationMs',
        'tasksDone',
        'tasksPerSec',
        'workers',
      ]);
      expect(step.tasksDone).toBeGreaterThan(0);
    }
    expect(doc.checksumVerified).toBe(true);
    expect(doc.fit?.distinctWorkers).toBe(3);
    expect(run.stderr).toMatch(/Resize 1 → 2: took [\d.,]+ ms/);
    expect(run.stderr).toContain('Saved snapshot "stairs"');

    const shown = cli(['snapshots', 'show', 'stairs', '--json']);
    expect(shown.status).toBe(0);
    const snapshot = JSON.parse(shown.stdout) as Snapshot;
    expect(snapshot).toMatchObject({ kind: 'live', schemaVersion: CURRENT_SNAPSHOT_VERSION });
    if (snapshot.kind !== 'live') throw new Error('not live');
    expect(snapshot.live.models[0]!.steps).toHaveLength(3);
    expect(snapshot.live.models[0]!.resizes.map((r) => r.to)).toEqual([2, 3]);
    const text = cli(['snapshots', 'show', 'stairs']);
    expect(text.stdout).toMatch(/Live\s+cpu.primes/);
    expect(text.stdout).toMatch(/Checksums ✓/);
  });

  it.skipIf(!python.available)(
    'ramps a Python multiprocessing pool 1..2, every task checked against the reference',
    () => {
      const run = cli([
        'live',
        '--model',
        'python-multiprocessing',
        '--from',
        '1',
        '--to',
        '2',
        '--step-s',
        '1',
        '--json',
      ]);
      expect(run.status, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout) as {
        steps: { workers: number; tasksDone: number }[];
        checksumVerified: boolean | null;
        checksumNote: string;
      };
      expect(doc.steps.map((s) => s.workers)).toEqual([1, 2]);
      for (const step of doc.steps) expect(step.tasksDone).toBeGreaterThan(0);
      expect(doc.checksumVerified, doc.checksumNote).toBe(true);
      expect(doc.checksumNote).toMatch(/none lost, none run twice/);
      expect(run.stderr).toMatch(/Resize 1 → 2: took [\d.,]+ ms/);
    },
  );

  it('refuses bad flags with the usage and exit 2', () => {
    for (const args of [
      ['live'],
      ['live', '--model', 'worker-threads', '--from', '3', '--to', '2'],
      ['live', '--model', 'worker-threads', '--task-us', '1'],
      ['live', '--model', 'worker-threads', '--workers', '2', '--to', '3'],
    ]) {
      const run = cli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/Usage:\n {2}live --model M/);
    }
    const io = cli([
      'live',
      '--model',
      'worker-threads',
      '--workload',
      'io.sleep',
      '--duration-s',
      '1',
    ]);
    expect(io.status).toBe(2);
    expect(io.stderr).toMatch(/io.sleep cannot run live/);
  });

  it('has its own --help', () => {
    const help = cli(['live', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--from 1 --to K/);
  });
});
