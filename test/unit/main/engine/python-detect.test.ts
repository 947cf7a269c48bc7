import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLabEngine } from '../../../../src/main/engine/lab-engine';
import { detectPython, pythonCandidates } from '../../../../src/main/engine/python-detect';
import { LabError } from '../../../../src/shared/errors';
import { builtScripts } from '../../../helpers/built';

const dir = mkdtempSync(join(tmpdir(), 'corelab-python-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in interpreter: a shell script that answers the probe with a fixed line. */
function fakePython(name: string, answer: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho '${answer}'\n`);
  chmodSync(path, 0o755);
  return path;
}

const isPosix = process.platform !== 'win32';
const real = await detectPython({});
if (!real.available) console.warn(`skipping the python3-on-PATH check: ${real.reason}`);

describe('detectPython', () => {
  it.skipIf(!real.available)('finds python3 on PATH with its version and GIL build', () => {
    const [major, minor] = real.version!.split('.').map(Number) as [number, number];
    expect(major).toBe(3);
    expect(minor).toBeGreaterThanOrEqual(8);
    expect(real.reason).toBeNull();
    expect(real.path).toMatch(/python/i);
    expect(typeof real.isFreeThreaded).toBe('boolean');
  });

  it('names a CORELAB_PYTHON that does not exist', async () => {
    const info = await detectPython({ CORELAB_PYTHON: '/no/such/python' });
    expect(info.available).toBe(false);
    expect(info.reason).toBe('CORELAB_PYTHON=/no/such/python: not found');
  });

  it.skipIf(!isPosix)('names a CORELAB_PYTHON that cannot be executed', async () => {
    const path = join(dir, 'not-executable');
    writeFileSync(path, 'print(1)\n');
    const info = await detectPython({ CORELAB_PYTHON: path });
    expect(info.reason).toBe(`CORELAB_PYTHON=${path}: not executable`);
  });

  it.skipIf(!isPosix)('refuses Python 2 with the version it found', async () => {
    const path = fakePython(
      'python2',
      '{"executable": "/usr/bin/python2.7", "version": [2, 7, 18], "gil": true}',
    );
    const info = await detectPython({ CORELAB_PYTHON: path });
    expect(info).toMatchObject({ available: false, version: '2.7.18' });
    expect(info.reason).toBe(`CORELAB_PYTHON=${path}: is Python 2.7.18; need 3.8+`);
  });

  it.skipIf(!isPosix)('refuses a program that is not Python', async () => {
    const info = await detectPython({ CORELAB_PYTHON: '/bin/false' });
    expect(info.available).toBe(false);
    expect(info.reason).toMatch(/^CORELAB_PYTHON=\/bin\/false: did not run as Python/);
    const chatty = fakePython('chatty', 'hello');
    expect((await detectPython({ CORELAB_PYTHON: chatty })).reason).toBe(
      `CORELAB_PYTHON=${chatty}: did not run as Python (it printed no version)`,
    );
  });

  it.skipIf(!isPosix)('tells a free-threaded build by its GIL being off', async () => {
    const path = fakePython(
      'python3.13t',
      '{"executable": "/opt/python3.13t", "version": [3, 13, 1], "gil": false}',
    );
    const info = await detectPython({ CORELAB_PYTHON: path });
    expect(info).toEqual({
      available: true,
      path: '/opt/python3.13t',
      version: '3.13.1',
      isFreeThreaded: true,
      reason: null,
    });
  });

  it('asks each interpreter once', () => {
    const env = { CORELAB_PYTHON: '/no/such/python' };
    expect(detectPython(env)).toBe(detectPython(env));
  });

  it('tries the py launcher before python3 on Windows, and only CORELAB_PYTHON when set', () => {
    const commands = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform) =>
      pythonCandidates(env, platform).map((c) => [c.command, ...c.args].join(' '));
    expect(commands({}, 'win32')).toEqual(['py -3', 'python3']);
    expect(commands({}, 'linux')).toEqual(['python3']);
    expect(commands({ CORELAB_PYTHON: 'C:\\Python312\\python.exe' }, 'win32')).toEqual([
      'C:\\Python312\\python.exe',
    ]);
  });
});

describe('the engine looks for Python only when asked', () => {
  it.skipIf(!isPosix)('not at start-up nor for a run without a Python model', async () => {
    // A "python" that leaves a mark each time it is run.
    const mark = join(dir, 'asked');
    const path = join(dir, 'marking-python');
    writeFileSync(path, `#!/bin/sh\necho asked >> '${mark}'\nexit 1\n`);
    chmodSync(path, 0o755);
    const saved = process.env.CORELAB_PYTHON;
    process.env.CORELAB_PYTHON = path;
    const engine = createLabEngine({
      workerScripts: { ...builtScripts, python: 'out/python' },
      runtimes: ['node'],
    });
    try {
      await engine.run({
        workload: 'io.sleep',
        taskCount: 2,
        models: [{ model: 'event-loop', workers: 1 }],
      });
      expect(existsSync(mark)).toBe(false);
      await engine.getCapabilities();
      expect(readFileSync(mark, 'utf8')).toBe('asked\n');
    } finally {
      if (saved === undefined) delete process.env.CORELAB_PYTHON;
      else process.env.CORELAB_PYTHON = saved;
      await engine.close();
    }
  });
});

describe('the engine without a usable Python', () => {
  it('shows the Python models unavailable with the reason, and refuses to run them', async () => {
    const saved = process.env.CORELAB_PYTHON;
    process.env.CORELAB_PYTHON = '/no/such/python';
    const engine = createLabEngine({
      workerScripts: { ...builtScripts, python: 'out/python' },
      runtimes: ['node'],
    });
    try {
      const capabilities = await engine.getCapabilities();
      expect(capabilities.runtimes).not.toContain('python');
      const reason =
        'needs Python 3.8+ (python3 on PATH or CORELAB_PYTHON): CORELAB_PYTHON=/no/such/python: not found';
      for (const id of ['python-multiprocessing', 'python-threading', 'python-asyncio']) {
        expect(capabilities.models.find((m) => m.id === id)?.unavailableReason).toBe(reason);
      }
      expect(capabilities.models.find((m) => m.id === 'event-loop')?.unavailableReason).toBeNull();
      const error = await engine
        .run({ workload: 'io.sleep', models: [{ model: 'python-threading', workers: 1 }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LabError);
      expect((error as LabError).code).toBe('unavailable');
      expect((error as LabError).message).toBe(`python-threading ${reason}`);
    } finally {
      if (saved === undefined) delete process.env.CORELAB_PYTHON;
      else process.env.CORELAB_PYTHON = saved;
      await engine.close();
    }
  });

  it('shows them unavailable where the host does not ship the worker script', async () => {
    const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
    try {
      const capabilities = await engine.getCapabilities();
      expect(capabilities.models.find((m) => m.id === 'python-asyncio')?.unavailableReason).toBe(
        'needs Python 3.8+ (python3 on PATH or CORELAB_PYTHON): the Python worker script is not part of this build',
      );
    } finally {
      await engine.close();
    }
  });
});
