import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../../helpers/built';

/** Starts `corelab pipeline …` and collects its output. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [cliPath, 'pipeline', ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  /** Resolves once the pipeline runs (its first live sample), so a Ctrl+C finds it running. */
  const running = new Promise<void>((resolve) =>
    child.stderr.on('data', () => stderr.includes('Running;') && resolve()),
  );
  return { child, exited, running, output: () => ({ stdout, stderr }) };
}

/** The value printed after a label in the totals, e.g. "lost  0 ✓" → "0 ✓". */
function field(stdout: string, label: string): string {
  const match = new RegExp(`^${label}\\s{2,}(.+)$`, 'm').exec(stdout);
  if (!match) throw new Error(`no "${label}" line in:\n${stdout}`);
  return match[1]!;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('corelab pipeline', () => {
  it('--json prints the result: nothing lost, throughput and latency percentiles', () => {
    const result = spawnSync(
      process.execPath,
      [
        cliPath,
        'pipeline',
        '--model',
        'worker-threads',
        '--producers',
        '2',
        '--consumers',
        '2',
        '--interval-ms',
        '1',
        '--capacity',
        '8',
        '--work',
        '50',
        '--duration',
        '1',
        '--json',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      stopReason: string;
      totals: {
        produced: number;
        consumed: number;
        lost: number;
        producedPerSec: number;
        latency: { p50Ms: number; p99Ms: number };
      };
    };
    expect(doc.stopReason).toBe('duration');
    expect(doc.totals.produced).toBeGreaterThan(500);
    expect(doc.totals.lost).toBe(0);
    expect(doc.totals.consumed).toBe(doc.totals.produced);
    expect(doc.totals.producedPerSec).toBeGreaterThan(500);
    expect(doc.totals.latency.p99Ms).toBeGreaterThanOrEqual(doc.totals.latency.p50Ms);
  });

  it('on Ctrl+C stops gracefully and still prints the totals, with nothing lost', async () => {
    const cli = startCli([
      '--model',
      'child-process',
      '--producers',
      '2',
      '--consumers',
      '1',
      '--interval-ms',
      '0',
      '--capacity',
      '16',
      '--work',
      '1000',
      '--duration',
      '60',
    ]);
    await cli.running;
    await delay(500);
    cli.child.kill('SIGINT');
    const code = await cli.exited;
    const { stdout, stderr } = cli.output();
    expect(code).toBe(130);
    expect(stderr).toContain('Stopping: producers stop, consumers drain the queue');
    expect(Number(field(stdout, 'produced').replace(/,/g, ''))).toBeGreaterThan(0);
    expect(field(stdout, 'lost')).toBe('0 ✓');
    expect(field(stdout, 'left in queue')).toBe('0');
    expect(field(stdout, 'produced')).toBe(field(stdout, 'consumed'));
    expect(stdout).toContain('Stopped: producers stopped first and consumers drained the queue');
  }, 30_000);

  it('on a second Ctrl+C forces the stop, counting what stayed queued', async () => {
    const cli = startCli([
      '--model',
      'worker-threads',
      '--producers',
      '2',
      '--consumers',
      '1',
      '--interval-ms',
      '0',
      '--capacity',
      '32',
      '--work',
      '5000',
      '--duration',
      '60',
    ]);
    await cli.running;
    await delay(500);
    cli.child.kill('SIGINT');
    await delay(50);
    cli.child.kill('SIGINT');
    const code = await cli.exited;
    const { stdout } = cli.output();
    expect(code).toBe(130);
    expect(field(stdout, 'lost')).toBe('0 ✓');
    expect(Number(field(stdout, 'left in queue'))).toBeGreaterThan(0);
    expect(stdout).toContain('Forced stop');
  }, 30_000);

  it('refuses an unknown model and an out-of-range flag with usage errors', () => {
    const unknown = spawnSync(process.execPath, [cliPath, 'pipeline', '--model', 'nope'], {
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--model: unknown model "nope"');
    const range = spawnSync(
      process.execPath,
      [cliPath, 'pipeline', '--model', 'event-loop', '--capacity', '0'],
      { encoding: 'utf8' },
    );
    expect(range.status).toBe(2);
    expect(range.stderr).toContain('--capacity must be an integer between 1 and 1024');
  });
});
