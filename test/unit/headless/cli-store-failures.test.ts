/**
 * The snapshot folder when writing fails (issue 14): a full disk leaves no temp file behind,
 * temp files of dead writers are swept, and `--save` to a folder that cannot be written fails
 * before the run. Real files and the built CLI; the full disk is RLIMIT_FSIZE (`ulimit -f`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STALE_TEMP_MS, createSnapshotStore } from '../../../src/main/engine/snapshot-store';
import { serializeSnapshot } from '../../../src/shared/snapshot';
import { modelResult } from '../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot } from '../../fixtures/snapshots';
import { cliPath } from '../../helpers/built';

let dataDir: string;
let snapshotDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-store-fail-'));
  snapshotDir = path.join(dataDir, 'snapshots');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the built CLI; `fileLimitKiB` caps the size of any file it writes. */
function cli(args: string[], fileLimitKiB?: number) {
  const command = [process.execPath, cliPath, ...args].map((a) => `'${a}'`).join(' ');
  const result = spawnSync(
    'bash',
    ['-c', fileLimitKiB === undefined ? command : `ulimit -f ${fileLimitKiB}; ${command}`],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, CORELAB_DATA_DIR: dataDir } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a save that fails part-way', () => {
  it('leaves no temp file on a full disk, so the next small save still works', () => {
    // ~600 KB of timeline against a 256 KiB file limit.
    const big = sampleSnapshot(
      'big',
      runContent([
        modelResult({
          taskCount: 8000,
          tasksDone: 8000,
          timeline: Array.from({ length: 8000 }, (_, i) => ({
            worker: 0,
            taskIndex: i,
            startMs: i,
            endMs: i + 0.5,
            isOk: true,
            cpu: null,
          })),
        }),
      ]),
    );
    const file = path.join(dataDir, 'big.json');
    writeFileSync(file, serializeSnapshot(big));
    const failed = cli(['snapshots', 'import', file], 256);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/could not save snapshot "big"/);
    expect(readdirSync(snapshotDir)).toEqual([]);
    const small = path.join(dataDir, 'small.json');
    writeFileSync(small, serializeSnapshot(sampleSnapshot('small')));
    expect(cli(['snapshots', 'import', small], 256).status).toBe(0);
    expect(readdirSync(snapshotDir)).toEqual(['small.json']);
  });

  it('sweeps temp files of dead writers when the store opens, and keeps a live one', async () => {
    mkdirSync(snapshotDir);
    const stale = '.laptop.json.0123456789ab.tmp';
    const live = '.laptop.json.ba9876543210.tmp';
    const other = '.notes.tmp';
    for (const name of [stale, live, other]) {
      writeFileSync(path.join(snapshotDir, name), 'x'.repeat(1000));
    }
    const oldS = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    utimesSync(path.join(snapshotDir, stale), oldS, oldS);
    utimesSync(path.join(snapshotDir, other), oldS, oldS);
    expect(await createSnapshotStore(snapshotDir).list()).toEqual([]);
    expect(readdirSync(snapshotDir).sort()).toEqual([other, live].sort());
  });
});

describe('run --save', () => {
  it('fails before running when the snapshot folder cannot be written', () => {
    mkdirSync(dataDir, { recursive: true });
    // A file where the folder should be: no snapshot can be written there (root ignores modes).
    writeFileSync(snapshotDir, 'not a folder');
    const startMs = performance.now();
    const { status, stdout, stderr } = cli([
      'run',
      '--workload',
      'io.sleep',
      '--models',
      'event-loop',
      '--workers',
      '1',
      '--tasks',
      '40',
      '--param',
      'latencyMs=100',
      '--save',
      'never',
    ]);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/cannot save snapshots in/);
    // No result printed: the run never started (it would take 4 s).
    expect(stdout).toBe('');
    expect(performance.now() - startMs).toBeLessThan(4000);
  });
});
