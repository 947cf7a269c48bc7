import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PHASE_RUN, untilReferencePhase } from '../../../bench/signal-exit';
import packageJson from '../../../package.json';
import { cliPath } from '../../helpers/built';
import { childPids, isAlive, waitFor } from '../../helpers/processes';

/** Runs the built CLI to completion. */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('corelab CLI', () => {
  it('info --json describes this host', () => {
    const { status, stdout } = cli(['info', '--json']);
    expect(status).toBe(0);
    const host = JSON.parse(stdout) as {
      logicalCores: number;
      cpuModel: string;
      versions: { node: string };
    };
    expect(host.logicalCores).toBeGreaterThan(0);
    expect(host.cpuModel.length).toBeGreaterThan(0);
    expect(host.versions.node).toBe(process.versions.node);
  });

  it('run --json gives one result per model with equal, verified checksums', () => {
    const { status, stdout } = cli([
      'run',
      '--workload',
      'cpu.primes',
      '--models',
      'event-loop,worker-threads,child-process',
      '--workers',
      '1,2,2',
      '--tasks',
      '20',
      '--param',
      'limit=500000',
      '--json',
    ]);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as { results: Record<string, unknown>[] };
    expect(doc.results.map((r) => [r.model, r.workers])).toEqual([
      ['event-loop', 1],
      ['worker-threads', 2],
      ['child-process', 2],
    ]);
    for (const r of doc.results) {
      for (const key of ['wallMs', 'tasksPerSec', 'checksum', 'verified', 'error'])
        expect(r).toHaveProperty(key);
      expect(r.verified).toBe(true);
      expect(r.error).toBeNull();
      expect(r.checksum).toBe(doc.results[0]!.checksum);
    }
  });

  it('run prints a readable table without --json', () => {
    const { status, stdout } = cli([
      'run',
      '--workload',
      'io.sleep',
      '--models',
      'event-loop',
      '--workers',
      '4',
      '--tasks',
      '8',
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/model\s+workers\s+wall/);
    expect(stdout).toMatch(/event-loop\s+4/);
    expect(stdout).toContain('✓');
  });

  it("run --config runs the file's config, and refuses a misspelt key by name (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelab-config-'));
    try {
      const file = join(dir, 'run.json');
      const config = {
        workload: 'io.sleep',
        params: { latencyMs: 5 },
        taskCount: 8,
        models: [{ model: 'event-loop', workers: 4 }],
      };
      writeFileSync(file, JSON.stringify(config));
      const run = cli(['run', '--config', file, '--json']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout) as { config: unknown; results: { verified: boolean }[] };
      expect(doc.config).toMatchObject(config);
      expect(doc.results.map((r) => r.verified)).toEqual([true]);

      writeFileSync(
        file,
        JSON.stringify({ ...config, models: [{ model: 'event-loop', worker: 4 }] }),
      );
      const misspelt = cli(['run', '--config', file]);
      expect(misspelt.status).toBe(2);
      expect(misspelt.stderr).toBe(
        `corelab: ${file}: models[0].worker: unknown key; expected one of model, workers\n`,
      );
      expect(misspelt.stdout).toBe('');

      const clash = cli(['run', '--config', file, '--workers', '2']);
      expect(clash.status).toBe(2);
      expect(clash.stderr).toMatch(/^corelab: --config and --workers exclude each other\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sweep --json reports points, and no fit from two worker counts with the reason', () => {
    const { status, stdout } = cli([
      'sweep',
      '--workload',
      'cpu.primes',
      '--model',
      'worker-threads',
      '--max-workers',
      '2',
      '--tasks',
      '20',
      '--param',
      'limit=500000',
      '--json',
    ]);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as {
      points: { workers: number; wallMs: number; speedup: number; efficiency: number }[];
      fit: { usl: unknown; amdahl: unknown; notes: string[] };
    };
    expect(doc.points.map((p) => p.workers)).toEqual([1, 2]);
    for (const p of doc.points)
      for (const k of ['wallMs', 'speedup', 'efficiency'] as const)
        expect(typeof p[k]).toBe('number');
    // Two worker counts carry no fit; the notes say why.
    expect(doc.fit.usl).toBeNull();
    expect(doc.fit.amdahl).toBeNull();
    expect(doc.fit.notes.join(' ')).toMatch(/sweep to at least 4 workers/);
  });

  it('monitor --json prints one sample per line with a value per logical core', () => {
    const { status, stdout } = cli(['monitor', '--hz', '10', '--duration', '1', '--json']);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; cores: number[] });
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const host = JSON.parse(cli(['info', '--json']).stdout) as { logicalCores: number };
    for (const sample of lines) {
      expect(sample.cores).toHaveLength(host.logicalCores);
      expect(sample.cores.every((c) => c >= 0 && c <= 100)).toBe(true);
    }
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['run', '--workload', 'cpu.primes'], /--models is required/],
    [['run', '--workload', 'cpu.primes', '--models', 'quantum'], /unknown model "quantum"/],
    [
      ['run', '--workload', 'cpu.primes', '--models', 'event-loop', '--workers', 'many'],
      /--workers must be positive integers/,
    ],
    [
      ['run', '--workload', 'cpu.primes', '--models', 'event-loop', '--tasks', '0'],
      /--tasks must be an integer between 1 and 100000/,
    ],
    [
      ['run', '--workload', 'cpu.primes', '--models', 'event-loop', '--colour'],
      /Unknown option '--colour'/,
    ],
    [['monitor', '--hz', '1000'], /--hz must be a number between 0.5 and 50/],
    [
      ['run', '--workload', 'fault.throw', '--models', 'event-loop', '--on-failure', 'sometimes'],
      /--on-failure must be one of: continue, fail-fast/,
    ],
    [
      ['run', '--workload', 'fault.hang', '--models', 'event-loop', '--task-timeout', '0'],
      /--task-timeout must be an integer between 1 and 86400000/,
    ],
    [
      ['run', '--workload', 'fault.oom', '--models', 'worker-threads', '--memory-limit', '8'],
      /--memory-limit must be an integer between 16 and 1048576/,
    ],
    [
      ['run', '--workload', 'cpu.primes', '--models', 'event-loop', '--workers', '999'],
      /workers for event-loop must be between 1 and/,
    ],
  ])('refuses %j with usage text and exit code 2', (args, message) => {
    const { status, stderr } = cli(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it.each(['run', 'sweep', 'snapshots', 'monitor', 'pipeline', 'serve', 'info'])(
    "%s --help prints that command's usage alone, on stdout, with exit code 0",
    (command) => {
      const { status, stdout, stderr } = cli([command, '--help']);
      expect(status).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(new RegExp(`^Usage:\\n  ${command} `));
      const others = ['run', 'sweep', 'monitor', 'pipeline', 'serve', 'info'].filter(
        (other) => other !== command && !(command === 'snapshots' && other === 'info'),
      );
      for (const other of others) expect(stdout).not.toMatch(new RegExp(`^  ${other} `, 'm'));
    },
  );

  it('help NAME and -h answer like --help', () => {
    expect(cli(['help', 'sweep']).stdout).toBe(cli(['sweep', '--help']).stdout);
    expect(cli(['run', '-h']).stdout).toBe(cli(['run', '--help']).stdout);
  });

  it('--version prints the version from package.json', () => {
    const { status, stdout } = cli(['--version']);
    expect(status).toBe(0);
    expect(stdout).toBe(`corelab ${packageJson.version}\n`);
  });

  it("a missing required flag prints only that command's usage", () => {
    const { status, stderr } = cli(['sweep', '--workload', 'cpu.primes']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^corelab: --model is required\n\nUsage:\n {2}sweep --workload/);
    expect(stderr).not.toMatch(/^ {2}run /m);
    expect(stderr).not.toMatch(/^ {2}serve /m);
  });

  it('with no command, the whole usage lists every command', () => {
    const { stderr } = cli([]);
    for (const command of ['info', 'run', 'sweep', 'snapshots', 'monitor', 'pipeline', 'serve'])
      expect(stderr).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('leaves no worker process behind when the CLI itself is killed', async () => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'run',
        '--workload',
        'cpu.primes',
        '--models',
        'child-process',
        '--workers',
        '2',
        '--tasks',
        '2000',
        '--param',
        'limit=100000000',
      ],
      { stdio: 'ignore' },
    );
    expect(await waitFor(() => childPids(child.pid).length >= 2, 10_000)).toBe(true);
    const workers = childPids(child.pid);
    child.kill('SIGKILL');
    // The workers notice their parent is gone (a watcher thread) and exit, even mid-task.
    expect(await waitFor(() => workers.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
  });

  it('stops a run on SIGINT and still prints the partial results', async () => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'run',
        '--workload',
        'cpu.primes',
        '--models',
        'worker-threads',
        '--workers',
        '2',
        '--tasks',
        '2000',
        '--param',
        'limit=100000000',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Once its reference checksum is under way: the handler is installed by then.
    await untilReferencePhase(child.pid!, 1500);
    const sentAt = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(Date.now() - sentAt).toBeLessThan(2000);
    expect(code).toBe(130);
    expect(stdout).toMatch(/partial/);
  });
});

describe('corelab run under faults and signals', () => {
  it('names the failed task and worker in the table, and exits 1', () => {
    const { status, stdout } = cli([
      'run',
      '--workload',
      'fault.throw',
      '--models',
      'worker-threads',
      '--workers',
      '2',
      '--tasks',
      '8',
      '--param',
      'every=4',
    ]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/worker-threads: task 3 on worker [01]: fault\.throw: task 3 threw/);
    expect(stdout).toMatch(/worker-threads: task 7 on worker [01]: fault\.throw: task 7 threw/);
  });

  it('--on-failure fail-fast stops the other workers at the first failure', () => {
    const { status, stdout } = cli([
      'run',
      '--workload',
      'fault.exit',
      '--models',
      'child-process',
      '--workers',
      '2',
      '--tasks',
      '40',
      '--param',
      'exitAt=1',
      '--param',
      'taskMs=20',
      '--on-failure',
      'fail-fast',
      '--json',
    ]);
    expect(status).toBe(1);
    const [result] = (
      JSON.parse(stdout) as {
        results: { tasksDone: number; failures: { taskIndex: number; worker: number }[] }[];
      }
    ).results;
    expect(result!.failures[0]).toMatchObject({ taskIndex: 1 });
    expect(result!.tasksDone).toBeLessThan(10);
  });

  it('SIGTERM cancels the run gracefully: partial results, exit 143, no worker left', async () => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'run',
        '--workload',
        'cpu.primes',
        '--models',
        'child-process',
        '--workers',
        '2',
        '--tasks',
        '2000',
        '--param',
        'limit=100000000',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect(await waitFor(() => childPids(child.pid).length >= 2, 10_000)).toBe(true);
    const workers = childPids(child.pid);
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(Date.now() - sentAt).toBeLessThan(2000);
    expect(code).toBe(143);
    expect(stdout).toMatch(/partial/);
    expect(workers.every((pid) => !isAlive(pid))).toBe(true);
  });

  it('SIGTERM during the reference checksum exits 143 within a second, no thread left', async () => {
    // The reference alone takes a core for 40 s or more at this size (issue 14).
    const child = spawn(process.execPath, [cliPath, ...REFERENCE_PHASE_RUN], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await untilReferencePhase(child.pid!, 3000);
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(late);
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(code).toBe(143);
    expect(isAlive(child.pid!)).toBe(false);
  });

  it('SIGTERM during a sweep prints the points measured so far and exits 143', async () => {
    // io.sleep: 16 tasks of 150 ms take 2.4 s on one worker, 1.2 s on two, 0.6 s on four.
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'sweep',
        '--workload',
        'io.sleep',
        '--model',
        'worker-threads',
        '--max-workers',
        '4',
        '--tasks',
        '16',
        '--param',
        'latencyMs=150',
        '--rounds',
        '1',
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Stopped once the first point is in, while the second (1.2 s) is being measured.
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Point 1 of 4')) resolve();
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const doc = JSON.parse(stdout) as { isCancelled: boolean; points: { workers: number }[] };
    expect(doc.isCancelled).toBe(true);
    expect(doc.points.length).toBeGreaterThanOrEqual(1);
    expect(doc.points.length).toBeLessThan(4);
    expect(doc.points[0]!.workers).toBe(1);
  });

  it('SIGKILL of the CLI while its workers wait or hang: they notice and exit', async () => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'run',
        '--workload',
        'fault.hang',
        '--models',
        'child-process',
        '--workers',
        '2',
        '--tasks',
        '8',
        '--param',
        'hangAt=0',
        '--param',
        'taskMs=10000',
        '--task-timeout',
        '600000',
      ],
      { stdio: 'ignore' },
    );
    expect(await waitFor(() => childPids(child.pid).length >= 2, 10_000)).toBe(true);
    const workers = childPids(child.pid);
    // Let both take their first task: one hangs for ever, the other waits 10 s.
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    expect(await waitFor(() => workers.every((pid) => !isAlive(pid)), 5_000)).toBe(true);
  });
});
