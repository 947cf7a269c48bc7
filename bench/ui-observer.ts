/**
 * `node out/bench/ui-observer.js`: what watching a run costs. Browser mode in headless
 * Chromium (software rendering): the CPU time of Chromium's processes, read from /proc,
 * while the page sits idle and while it shows a worker-threads cpu.primes comparison. With
 * a "Quiet while measuring" switch on the page, runs alternate with it on and off.
 * Goal (issue 11): the page under 0.1 of a core during a run.
 */
import { availableParallelism } from 'node:os';
import { chromium } from 'playwright-core';
import { renderTable } from '../src/headless/tty';
import { chromiumLaunchOptions } from '../test/e2e/chromium';
import { chromiumCores, chromiumCpu, openApp, runInPage, serve } from './browser-mode';

const REPEATS = Number(process.env.CORELAB_BENCH_REPEATS ?? 3);
const IDLE_MS = 5000;
/** A few seconds of worker-threads work on an idle 2-core machine. */
const RUN = {
  workload: 'cpu.primes',
  models: ['worker-threads'],
  sizeByLabel: { 'Upper bound (exclusive)': 8_000_000 },
  tasks: 64,
};

const server = await serve();
const browser = await chromium.launch(chromiumLaunchOptions());
const rows: string[][] = [];
const fmt = (cores: number): string => cores.toFixed(3);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openApp(page, server.url);
  const quiet = page.getByLabel('Quiet while measuring');
  const modes = (await quiet.count()) > 0 ? ['quiet on', 'quiet off'] : ['(no quiet switch)'];
  await page.waitForTimeout(2000);
  const idleBefore = chromiumCpu(server.pid);
  await page.waitForTimeout(IDLE_MS);
  const idle = chromiumCores(idleBefore, chromiumCpu(server.pid), IDLE_MS / 1000);
  rows.push(['idle', '—', fmt(idle.renderer), fmt(idle.gpu), fmt(idle.browser), fmt(idle.total)]);
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const mode of modes) {
      if (mode !== '(no quiet switch)') await quiet.setChecked(mode === 'quiet on');
      // From the click on Run to the run's end: not the form filling before, nor the
      // one-off drawing of the results after.
      let before = chromiumCpu(server.pid);
      let after = before;
      const outcome = await runInPage(page, RUN, {
        onStart: () => (before = chromiumCpu(server.pid)),
        onEnd: () => (after = chromiumCpu(server.pid)),
      });
      const cost = chromiumCores(before, after, outcome.elapsedMs / 1000);
      rows.push([
        `run ${repeat + 1}, ${mode}`,
        `${(outcome.elapsedMs / 1000).toFixed(2)} s`,
        fmt(cost.renderer),
        fmt(cost.gpu),
        fmt(cost.browser),
        fmt(cost.total),
      ]);
    }
  }
} finally {
  await browser.close();
  server.stop();
}
process.stdout.write(
  `Chromium's CPU in cores, ${availableParallelism()} logical cores, worker-threads on cpu.primes (limit ${RUN.sizeByLabel['Upper bound (exclusive)']}, ${RUN.tasks} tasks)\n${renderTable(
    ['phase', 'run (click to result)', 'renderer', 'gpu', 'browser', 'all Chromium'],
    rows,
  )}\n`,
);
