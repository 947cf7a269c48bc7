/**
 * `node out/bench/ui-vs-cli.js`: the same comparison from the UI (browser mode, headless
 * Chromium) and from the CLI, alternating, several times: worker-threads on cpu.primes at
 * one explicit size, the engine's wallMs of each. Goal (issue 11): agreement within 10 %
 * on an idle 2-core machine. The page is open only for its own runs: a window left open
 * draws live cores, and on 2 cores that slowed the CLI's runs beside it by 5-20 %.
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

interface Measured {
  wallMs: number;
  otherLoadCores: number | null;
}

/** One CLI run of the same comparison: its worker-threads wallMs. */
async function cliRun(): Promise<Measured> {
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
  const run = JSON.parse(stdout) as {
    results: { model: string; wallMs: number }[];
    interference: { otherLoadCores: number | null } | null;
  };
  return {
    wallMs: run.results.find((r) => r.model === 'worker-threads')!.wallMs,
    otherLoadCores: run.interference?.otherLoadCores ?? null,
  };
}

const server = await serve();
const browser = await chromium.launch(chromiumLaunchOptions());
const ui: Measured[] = [];
const cli: Measured[] = [];
try {
  for (let i = 0; i < REPEATS; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openApp(page, server.url);
    const outcome = await runInPage(page, {
      workload: 'cpu.primes',
      models: ['worker-threads'],
      sizeByLabel: { 'Upper bound (exclusive)': LIMIT },
      tasks: TASKS,
    });
    await page.close();
    ui.push({
      wallMs: outcome.wallMsByModel['worker-threads']!,
      otherLoadCores: outcome.otherLoadCores,
    });
    cli.push(await cliRun());
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
const load = (m: Measured): string => m.otherLoadCores?.toFixed(2) ?? '—';
const rows = ui.map((u, i) => {
  const c = cli[i]!;
  return [
    String(i + 1),
    s(u.wallMs),
    load(u),
    s(c.wallMs),
    load(c),
    (u.wallMs / c.wallMs).toFixed(3),
  ];
});
const uiMedian = median(ui.map((m) => m.wallMs));
const cliMedian = median(cli.map((m) => m.wallMs));
rows.push(['median', s(uiMedian), '', s(cliMedian), '', (uiMedian / cliMedian).toFixed(3)]);
process.stdout.write(
  `worker-threads × ${workers}, cpu.primes limit ${LIMIT}, ${TASKS} tasks; UI (browser mode) vs CLI, alternating; other load in cores (the engine's interference measure)\n${renderTable(['run', 'UI', 'other load', 'CLI', 'other load', 'UI / CLI'], rows)}\n`,
);
