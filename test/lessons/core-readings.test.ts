/**
 * The lesson of the core view: one busy thread reads as one more core in use, on the core it
 * ran on, as /proc/stat read here independently says. Run in the suite's quiet phase, after
 * waiting for other programs to leave the cores free: a busy machine fails it, never skips it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, type TestContext } from 'vitest';
import type { CoreSample } from '../../src/shared/results';
import { record, sampler, stopSamplersAfterEach } from '../helpers/core-sampler-fixture';
import { awaitFreeCores, percentBetween, readCoreTicks } from '../helpers/proc-stat';

const isLinux = process.platform === 'linux';

stopSamplersAfterEach();

/** Skips the rest of a test on a host that lacks what it needs, saying why in the output too. */
function skipBecause(ctx: TestContext, reason: string): never {
  console.log(`skipped: ${reason}`);
  return ctx.skip(reason);
}

/** Per-core mean of the samples whose whole interval lies within [fromMs, toMs] (epoch). */
function meanCoresWithin(
  samples: CoreSample[],
  fromMs: number,
  toMs: number,
  hz: number,
): number[] {
  const inside = samples.filter((s) => s.t - 1000 / hz >= fromMs - 20 && s.t <= toMs + 20);
  expect(inside.length).toBeGreaterThan(0);
  const cores = inside[0]?.cores.length ?? 0;
  return Array.from(
    { length: cores },
    (_, core) => inside.reduce((sum, s) => sum + (s.cores[core] ?? 0), 0) / inside.length,
  );
}

/** Each core within 15 points: ticks are 10 ms, so one 100 ms sample is ±10 on its own. */
function expectAgreement(sampled: number[], independent: number[]): void {
  expect(sampled).toHaveLength(independent.length);
  sampled.forEach((value, core) => {
    expect(Math.abs(value - (independent[core] ?? Number.NaN))).toBeLessThanOrEqual(15);
  });
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Spins one thread of this process for durationMs; resolves once it runs. */
async function spinThread(durationMs: number): Promise<Worker> {
  const spinner = new Worker(
    `const end = Date.now() + ${durationMs}; while (Date.now() < end) {}`,
    { eval: true },
  );
  await new Promise((resolve) => spinner.once('online', resolve));
  return spinner;
}

describe.runIf(isLinux)('core sampler against an independent reading of /proc/stat', () => {
  const hz = 10;

  it('sees a busy thread as about one more core in use, as /proc/stat does', async () => {
    await awaitFreeCores();
    const s = sampler({ hz });
    const samples = record(s);
    await s.start();
    await sleep(300);

    const idleFrom = Date.now();
    const idleBefore = readCoreTicks();
    await sleep(1000);
    const idleAfter = readCoreTicks();
    const idleTo = Date.now();

    const spinner = await spinThread(1800);
    await sleep(200);
    const busyFrom = Date.now();
    const busyBefore = readCoreTicks();
    await sleep(1000);
    const busyAfter = readCoreTicks();
    const busyTo = Date.now();
    await new Promise((resolve) => spinner.once('exit', resolve));

    const sampledIdle = meanCoresWithin(samples, idleFrom, idleTo, hz);
    const sampledBusy = meanCoresWithin(samples, busyFrom, busyTo, hz);
    const independentIdle = percentBetween(idleBefore, idleAfter);
    const independentBusy = percentBetween(busyBefore, busyAfter);

    // Core by core, the stream agrees with the reading done here over the same windows.
    expectAgreement(sampledBusy, independentBusy);
    expectAgreement(sampledIdle, independentIdle);
    // One spinning thread is 100 points of one core, wherever the scheduler puts it.
    const independentRise = sum(independentBusy) - sum(independentIdle);
    expect(
      sum(sampledBusy) - sum(sampledIdle),
      `rise in core use (/proc/stat read here: ${independentRise.toFixed(0)})`,
    ).toBeGreaterThanOrEqual(70);
  });

  it('reads ~100 on cpu0 while a spinner pinned there by taskset runs', async (ctx) => {
    const probe = spawnSync('taskset', ['-c', '0', 'true']);
    if (probe.error || probe.status !== 0) {
      skipBecause(
        ctx,
        probe.error ? 'taskset is not installed' : 'taskset cannot pin to CPU 0 here',
      );
    }
    await awaitFreeCores();
    const s = sampler({ hz });
    const samples = record(s);
    await s.start();
    const spinner = spawn('taskset', [
      '-c',
      '0',
      process.execPath,
      '-e',
      'const end = Date.now() + 1800; while (Date.now() < end) {}',
    ]);
    try {
      await sleep(400);
      const from = Date.now();
      const before = readCoreTicks();
      await sleep(1000);
      const after = readCoreTicks();
      const to = Date.now();
      const sampled = meanCoresWithin(samples, from, to, hz);
      const independent = percentBetween(before, after);
      expectAgreement(sampled, independent);
      expect(
        sampled[0],
        `cpu0 (/proc/stat read here: ${independent[0]?.toFixed(0)})`,
      ).toBeGreaterThanOrEqual(85);
    } finally {
      spinner.kill('SIGKILL');
    }
  });
});
