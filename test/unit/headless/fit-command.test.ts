import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../helpers/built';

const FIXTURES = resolve('test/fixtures/scaling-csv');
const scratch = mkdtempSync(join(tmpdir(), 'corelab-fit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `corelab fit` on a file. */
function fit(file: string, ...flags: string[]) {
  const result = spawnSync(process.execPath, [cliPath, 'fit', file, ...flags], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A CSV file in the scratch folder. */
function csv(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

interface FitJson {
  usl: {
    sigma: number;
    kappa: number;
    gamma: number;
    peakWorkers: number | null;
    peakThroughput: number | null;
    ci95: { sigma: { low: number; high: number } };
  } | null;
  amdahl: { serialFraction: number; asymptoteThroughput: number | null } | null;
  notes: string[];
}

describe('corelab fit', () => {
  it('--json fits the SPEC SDM 91 data as the R package usl does', () => {
    const { status, stdout } = fit(join(FIXTURES, 'specsdm91.csv'), '--json');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as FitJson;
    expect(doc.usl!.sigma).toBeCloseTo(0.0277, 3);
    expect(doc.usl!.kappa).toBeCloseTo(0.0001044, 6);
    expect(doc.usl!.peakWorkers!).toBeCloseTo(96.5, 0);
    expect(doc.usl!.ci95.sigma.low).toBeLessThan(doc.usl!.sigma);
    expect(doc.amdahl!.serialFraction).toBeGreaterThan(0);
    expect(Array.isArray(doc.notes)).toBe(true);
  });

  it('reads wallMs instead of throughput, and gives peakWorkers null where κ = 0', () => {
    const { status, stdout } = fit(join(FIXTURES, 'raytracer-wallms.csv'), '--json');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as FitJson;
    expect(doc.usl!.sigma).toBeCloseTo(0.0578, 3);
    expect(doc.usl!.kappa).toBe(0);
    expect(doc.usl!.peakWorkers).toBeNull();
    expect(doc.usl!.gamma).toBeCloseTo(21.85, 1);
  });

  it('prints the coefficients with intervals and one sentence per fit', () => {
    const { status, stdout } = fit(join(FIXTURES, 'specsdm91.csv'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/7 observations at 7 worker counts/);
    expect(stdout).toMatch(/contention σ\s+0\.0277 \(/);
    expect(stdout).toMatch(/^USL: .*peak at about 97 workers/m);
    expect(stdout).toMatch(/^Amdahl's law: /m);
  });

  it('takes several rounds per worker count when a round column tells them apart', () => {
    const { status, stdout } = fit(join(FIXTURES, 'rounds.csv'), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ observations: 8, distinctWorkers: 4 });
  });

  it.each([
    ['no header', '1,10\n2,19\n3,27\n4,33\n', /line 1 is not a header row/],
    [
      'a missing column',
      'workers,latency\n1,1\n2,2\n3,3\n4,4\n',
      /line 1 must name the columns workers and throughput/,
    ],
    [
      'a negative N',
      'workers,throughput\n1,10\n-2,19\n3,27\n4,33\n',
      /line 3 workers must be a positive whole number \(got -2\)/,
    ],
    [
      'a duplicate N',
      'workers,throughput\n1,10\n2,19\n2,20\n4,33\n',
      /line 4 repeats workers = 2 \(first on line 3\)/,
    ],
    [
      'fewer than 4 rows',
      'workers,throughput\n1,10\n2,19\n3,27\n',
      /has 3 data rows; a scaling fit needs at least 4/,
    ],
    [
      'a non-numeric cell',
      'workers,throughput\n1,10\n2,fast\n3,27\n4,33\n',
      /line 3 throughput "fast" is not a number/,
    ],
    [
      'a short row',
      'workers,throughput\n1,10\n2\n3,27\n4,33\n',
      /line 3 has 1 cells; the header has 2/,
    ],
  ])('refuses a file with %s, naming the line, exit 2', (_case, text, message) => {
    const path = csv('bad.csv', text);
    const { status, stdout, stderr } = fit(path);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain(path);
  });

  it('refuses a 100 MB file without reading it, exit 2', () => {
    const path = csv('huge.csv', 'workers,throughput\n');
    truncateSync(path, 100 * 1024 * 1024);
    const { status, stderr } = fit(path);
    expect(status).toBe(2);
    expect(stderr).toMatch(/is 100 MB; scaling data must be at most 1 MB/);
  });

  it('refuses a missing file, and a call without a file with the usage text', () => {
    expect(fit(join(scratch, 'nope.csv')).stderr).toMatch(/nope\.csv cannot be read/);
    const bare = spawnSync(process.execPath, [cliPath, 'fit'], { encoding: 'utf8' });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/fit takes exactly one FILE[\s\S]*Usage:[\s\S]*fit FILE/);
  });
});
