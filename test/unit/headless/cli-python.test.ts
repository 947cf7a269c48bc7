import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectPython } from '../../../src/main/engine/python-detect';
import { cliPath } from '../../helpers/built';

const python = await detectPython();
if (!python.available) console.warn(`skipping the Python CLI tests: ${python.reason}`);

/** Runs the built CLI to completion. */
function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('corelab CLI with the Python models', () => {
  it.skipIf(!python.available)('run compares them with the JavaScript models', () => {
    const { status, stdout } = cli([
      'run',
      '--workload',
      'cpu.primes',
      '--models',
      'worker-threads,python-multiprocessing,python-threading,python-asyncio',
      '--workers',
      '2',
      '--tasks',
      '10',
      '--param',
      'limit=100000',
      '--json',
    ]);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as {
      results: { model: string; checksum: number; verified: boolean }[];
    };
    expect(doc.results.map((r) => r.model)).toEqual([
      'worker-threads',
      'python-multiprocessing',
      'python-threading',
      'python-asyncio',
    ]);
    expect(doc.results.every((r) => r.verified && r.checksum === doc.results[0]!.checksum)).toBe(
      true,
    );
  });

  it.skipIf(!python.available)('sweep takes a Python model', () => {
    const { status, stdout } = cli([
      'sweep',
      '--workload',
      'io.sleep',
      '--model',
      'python-asyncio',
      '--max-workers',
      '2',
      '--tasks',
      '4',
      '--param',
      'latencyMs=10',
      '--json',
    ]);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as { points: { workers: number }[] };
    expect(doc.points.map((p) => p.workers)).toEqual([1, 2]);
  });

  it('says why when the interpreter path is broken', () => {
    const { status, stderr } = cli(
      ['run', '--workload', 'io.sleep', '--models', 'python-threading'],
      { ...process.env, CORELAB_PYTHON: '/no/such/python' },
    );
    expect(status).toBe(1);
    expect(stderr).toBe(
      'corelab: python-threading needs Python 3.8+ (python3 on PATH or CORELAB_PYTHON): ' +
        'CORELAB_PYTHON=/no/such/python: not found\n',
    );
  });
});
