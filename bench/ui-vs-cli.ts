/**
 * `node out/bench/ui-vs-cli.js`: the same comparison from the UI (browser mode, headless
 * Chromium) and from the CLI, alternating, several times: worker-threads on cpu.primes at
 * one explicit size, the engine's wallMs of each. Goal (issue 11): agreement within 10 %
 * on an idle 2-core machine.
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { renderTable } from '../src/headless/tty';
import { percentile } from '../src/shared/stats/percentiles';
import { chromiumLaunchOptions } from '../test/e2e/chromium';
import { openApp, runInPage, serve } from './browser-mode';

const REPEATS = Number(process.env.CORELAB_BENCH_REPEATS ?? 5);
const LIMIT = 20_000_000;
const TASKS = 64;
const workers = availableParallelism();

/** One CLI run of the same comparison: its worker-threads wallMs. */
async function cliWallMs(): Promise<number> {
  const cli = fileURLToPath(new URL('../headless/cli.js', import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      cli,
      'run',
      '--workload',
      'cpu.primes',
      '--models',
      'worker-threads',
      '--workers',
      String(workers),
      '--tasks',
      String(TASKS),
      '--param',
      `limit=${LIMIT}`,
      '--json',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const run = JSON.parse(stdout) as { results: { model: string; wallMs: number }[] };
  return run.results.find((r) => r.model === 'worker-threads')!.wallMs;
}

const server = await serve();
const browser = await chromium.launch(chromiumLaunchOptions());
const ui: number[] = [];
const cli: number[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openApp(page, server.url);
  for (let i = 0; i < REPEATS; i++) {
    const outcome = await runInPage(page, {
      workload: 'cpu.primes',
      models: ['worker-threads'],
      sizeByLabel: { 'Upper bound (exclusive)': LIMIT },
      tasks: TASKS,
    });
    ui.push(outcome.wallMsByModel['worker-threads']!);
    cli.push(await cliWallMs());
  }
} finally {
  await browser.close();
  server.stop();
}
const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const s = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const rows = ui.map((u, i) => [String(i + 1), s(u), s(cli[i]!), (u / cli[i]!).toFixed(3)]);
rows.push(['median', s(median(ui)), s(median(cli)), (median(ui) / median(cli)).toFixed(3)]);
process.stdout.write(
  `worker-threads × ${workers}, cpu.primes limit ${LIMIT}, ${TASKS} tasks; UI (browser mode, page open) vs CLI, alternating\n${renderTable(['run', 'UI', 'CLI', 'UI / CLI'], rows)}\n`,
);
