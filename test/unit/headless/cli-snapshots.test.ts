import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeSnapshot, type Snapshot } from '../../../src/shared/snapshot';
import type { SnapshotComparison } from '../../../src/shared/snapshot-compare';
import { modelResult } from '../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot } from '../../fixtures/snapshots';
import { runCli } from '../../helpers/cli';

let dataDir: string;
let snapshotDir: string;
let scratch: string;

/** Runs the built CLI with the test's data folder. */
const cli = (args: string[]) => runCli(args, dataDir);

/** Every snapshot file with its text. */
function store(): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(snapshotDir).sort()) {
    state[name] = readFileSync(path.join(snapshotDir, name), 'utf8');
  }
  return state;
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-cli-data-'));
  snapshotDir = path.join(dataDir, 'snapshots');
  scratch = mkdtempSync(path.join(tmpdir(), 'corelab-cli-files-'));
  mkdirSync(snapshotDir);
  const laptop = sampleSnapshot('laptop');
  const server = sampleSnapshot(
    'server',
    runContent([
      modelResult({ model: 'event-loop', workers: 1, tasksPerSec: 100 }),
      modelResult({ model: 'worker-threads', workers: 2, tasksPerSec: 380 }),
    ]),
  );
  for (const snapshot of [laptop, server]) {
    writeFileSync(path.join(snapshotDir, `${snapshot.name}.json`), serializeSnapshot(snapshot));
  }
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('corelab run/sweep --save', () => {
  it('saves a run with its host and core series', () => {
    const { status, stderr } = cli([
      'run',
      '--workload',
      'io.sleep',
      '--models',
      'event-loop',
      '--workers',
      '1',
      '--tasks',
      '8',
      '--save',
      'cli run',
      '--note',
      'from the CLI',
    ]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/Saved snapshot "cli run" \(.+\) in /);
    const saved = JSON.parse(
      readFileSync(path.join(snapshotDir, 'cli run.json'), 'utf8'),
    ) as Snapshot;
    expect(saved).toMatchObject({ name: 'cli run', note: 'from the CLI', kind: 'run' });
    expect(saved.host.logicalCores).toBeGreaterThan(0);
    expect(saved.coreSeries.length).toBeGreaterThan(0);
    expect(saved.modelStartsMs[0]).toEqual(expect.any(Number));
  });

  it('refuses a taken name before running (exit 1), and a bad one as usage (exit 2)', () => {
    const before = store();
    const taken = cli([
      'run',
      '--workload',
      'io.sleep',
      '--models',
      'event-loop',
      '--save',
      'laptop',
    ]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('a snapshot named "laptop" already exists');
    expect(taken.stdout).toBe('');
    const bad = cli(['run', '--workload', 'io.sleep', '--models', 'event-loop', '--save', '../x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--save "../x" may only hold');
    const noteAlone = cli([
      'run',
      '--workload',
      'io.sleep',
      '--models',
      'event-loop',
      '--note',
      'x',
    ]);
    expect(noteAlone.status).toBe(2);
    expect(store()).toEqual(before);
  });

  it('saves a sweep with --json still printing the result', () => {
    const { status, stdout } = cli([
      'sweep',
      '--workload',
      'io.sleep',
      '--model',
      'event-loop',
      '--max-workers',
      '2',
      '--tasks',
      '4',
      '--save',
      'cli sweep',
      '--json',
    ]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty('points');
    const saved = JSON.parse(
      readFileSync(path.join(snapshotDir, 'cli sweep.json'), 'utf8'),
    ) as Snapshot;
    expect(saved.kind).toBe('sweep');
    expect(saved.kind === 'sweep' && saved.points.map((p) => p.workers)).toEqual([1, 2]);
  });
});

describe('corelab snapshots', () => {
  it('list prints a table, and --json the entries', () => {
    const table = cli(['snapshots', 'list']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/name\s+kind\s+workload/);
    expect(table.stdout).toMatch(/laptop\s+run\s+cpu\.primes/);
    const json = cli(['snapshots', 'list', '--json']);
    const names = (JSON.parse(json.stdout) as { name: string }[]).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['laptop', 'server']));
  });

  it('show prints the host and results, --json the snapshot, and a missing name exits 1', () => {
    const shown = cli(['snapshots', 'show', 'laptop']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('Snapshot laptop (run)');
    expect(shown.stdout).toContain('Host     Test CPU, 4 logical / 2 physical cores, 8 GiB');
    expect(shown.stdout).toMatch(/worker-threads\s+2/);
    const json = cli(['snapshots', 'show', 'laptop', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(sampleSnapshot('laptop'));
    const missing = cli(['snapshots', 'show', 'nope']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('corelab: no snapshot named "nope"\n');
    expect(cli(['snapshots', 'show']).status).toBe(2);
  });

  it('export writes JSON, CSV or a trace to stdout or --out', () => {
    const csv = cli(['snapshots', 'export', 'laptop', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^snapshot,createdAt,/);
    const out = path.join(scratch, 'laptop.trace.json');
    const trace = cli(['snapshots', 'export', 'laptop', '--format', 'trace', '--out', out]);
    expect(trace.status).toBe(0);
    expect(trace.stderr).toContain(`Wrote ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('traceEvents');
    const json = cli(['snapshots', 'export', 'laptop', '--format', 'json']);
    expect(json.stdout).toBe(store()['laptop.json']);
    const bad = cli(['snapshots', 'export', 'laptop', '--format', 'pdf']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be one of json, csv, trace');
  });

  it('import adds a good file and refuses a bad one with exit 1, changing nothing', () => {
    const good = path.join(scratch, 'incoming.json');
    writeFileSync(good, serializeSnapshot(sampleSnapshot('incoming')));
    const added = cli(['snapshots', 'import', good]);
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Imported "incoming"');

    const before = store();
    const doc = JSON.parse(serializeSnapshot(sampleSnapshot('other'))) as Record<string, unknown>;
    const bad: [string, string, string][] = [
      [
        'cut.json',
        serializeSnapshot(sampleSnapshot('other')).slice(0, 300),
        'cut.json: is not valid JSON',
      ],
      [
        'types.json',
        JSON.stringify({ ...doc, createdAt: 5 }),
        'types.json: createdAt: Invalid input',
      ],
      [
        'future.json',
        JSON.stringify({ ...doc, schemaVersion: 9 }),
        'future.json: schemaVersion: 9 is newer',
      ],
      [
        'path.json',
        JSON.stringify({ ...doc, name: '../../etc/x' }),
        'path.json: name: may only hold',
      ],
      [
        'huge.json',
        JSON.stringify({ ...doc, note: 'x'.repeat(100_000) }),
        'huge.json: note: text of 100000 characters',
      ],
    ];
    for (const [file, text, message] of bad) {
      writeFileSync(path.join(scratch, file), text);
      const refused = cli(['snapshots', 'import', path.join(scratch, file)]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`corelab: cannot import ${message}`);
    }
    const clash = cli(['snapshots', 'import', good]);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toContain('a snapshot named "incoming" already exists');
    const absent = cli(['snapshots', 'import', path.join(scratch, 'absent.json')]);
    expect(absent.status).toBe(1);
    expect(absent.stderr).toContain('absent.json: cannot be read (ENOENT)');
    expect(store()).toEqual(before);
  });

  it('delete removes a snapshot, and a second delete exits 1', () => {
    writeFileSync(
      path.join(snapshotDir, 'doomed.json'),
      serializeSnapshot(sampleSnapshot('doomed')),
    );
    expect(cli(['snapshots', 'delete', 'doomed'])).toMatchObject({
      status: 0,
      stdout: 'Deleted "doomed"\n',
    });
    expect(store()).not.toHaveProperty(['doomed.json']);
    expect(cli(['snapshots', 'delete', 'doomed']).status).toBe(1);
    expect(cli(['snapshots', 'delete', '../laptop']).status).toBe(2);
  });

  it('compare prints the throughputs side by side and the differences', () => {
    const text = cli(['snapshots', 'compare', 'laptop', 'server']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/A\s+laptop: Test CPU, 4 logical cores/);
    expect(text.stdout).toMatch(/worker-threads\s+190 @2\s+380 @2\s+2\.00×/);
    expect(text.stdout).toContain('Worker threads: 2.0× faster on B (server) than on A (laptop)');
    const json = cli(['snapshots', 'compare', 'laptop', 'server', '--json']);
    const comparison = JSON.parse(json.stdout) as SnapshotComparison;
    expect(comparison.rows.find((r) => r.model === 'worker-threads')!.ratios).toEqual([1, 2]);
    expect(cli(['snapshots', 'compare', 'laptop']).status).toBe(2);
    expect(cli(['snapshots', 'compare', 'laptop', 'nope']).status).toBe(1);
  });

  it('needs a known subcommand', () => {
    expect(cli(['snapshots']).status).toBe(2);
    const unknown = cli(['snapshots', 'frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown snapshots subcommand "frobnicate"');
  });
});
