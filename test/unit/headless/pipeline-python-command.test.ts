/** `corelab pipeline` with a Python model: Ctrl+C drains gracefully and prints lost 0. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectPython } from '../../../src/main/engine/python-detect';
import { cliPath } from '../../helpers/built';

const python = await detectPython();
if (!python.available) console.warn(`skipping the Python pipeline CLI test: ${python.reason}`);

describe.skipIf(!python.available)('corelab pipeline --model python-threading', () => {
  it('on Ctrl+C stops gracefully and prints the totals, with nothing lost', async () => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'pipeline',
        '--model',
        'python-threading',
        '--interval-ms',
        '1',
        '--duration',
        '60',
      ],
      { stdio: 'pipe' },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Running;')) resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const field = (label: string): string =>
      new RegExp(`^${label}\\s{2,}(.+)$`, 'm').exec(stdout)?.[1] ?? `no ${label} in ${stdout}`;
    expect(Number(field('produced').replace(/,/g, ''))).toBeGreaterThan(0);
    expect(field('consumed')).toBe(field('produced'));
    expect(field('lost')).toBe('0 ✓');
    expect(stdout).toContain('Stopped: producers stopped first and consumers drained the queue');
  }, 30_000);
});
