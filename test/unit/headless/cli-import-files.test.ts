/**
 * `snapshots import` of files that are not snapshot files (issue 14): devices, FIFOs and
 * /proc files report sizes that lie. Each is refused at once, by the built CLI, on real files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../helpers/built';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-import-files-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Imports `file` with the built CLI; a hang is cut off at 10 s (status null). */
function importFile(file: string): { status: number | null; stderr: string; ms: number } {
  const startMs = performance.now();
  const result = spawnSync(process.execPath, [cliPath, 'snapshots', 'import', file], {
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...process.env, CORELAB_DATA_DIR: dataDir },
  });
  return { status: result.status, stderr: result.stderr, ms: performance.now() - startMs };
}

describe('snapshots import of what is not a regular file', () => {
  it.skipIf(process.platform === 'win32')('refuses devices at once', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const { status, stderr } = importFile(device);
      expect(status, device).toBe(1);
      expect(stderr, device).toMatch(/is not a regular file/);
    }
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without waiting for a writer', () => {
    const fifo = path.join(dataDir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const { status, stderr } = importFile(fifo);
    expect(status).toBe(1);
    expect(stderr).toMatch(/pipe\.json: is not a regular file/);
  });

  it.skipIf(!existsSync('/proc/self/status'))(
    'reads a file that reports size 0 for what it holds (/proc)',
    () => {
      const { status, stderr } = importFile('/proc/self/status');
      expect(status).toBe(1);
      expect(stderr).toMatch(/status: is not valid JSON/);
    },
  );

  it('refuses a file over the limit by its size, without reading it', () => {
    const huge = path.join(dataDir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 60 * 1024 * 1024);
    const { status, stderr } = importFile(huge);
    expect(status).toBe(1);
    expect(stderr).toMatch(/huge\.json: is 60 MiB, larger than the 50 MiB/);
    expect(readdirSync(path.join(dataDir))).not.toContain('snapshots');
  });
});
