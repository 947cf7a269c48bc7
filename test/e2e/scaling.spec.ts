/**
 * The sweep panel's scaling analysis in real Chromium against browser mode: no USL claim from
 * two worker counts (and why), the fits with intervals and the glossary from four, the
 * topology band of a many-core snapshot, and a CSV of someone else's measurements.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { buildSnapshot, serializeSnapshot, type SnapshotContent } from '../../src/shared/snapshot';
import { fitScaling, sweepObservations, sweepPoints } from '../../src/shared/stats/scaling';
import { HOST_INFO, modelResult } from '../fixtures/fake-lab-api';
import { removeSnapshots } from './app-page';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });
const cores = availableParallelism();

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('core-chart')).toHaveAttribute('data-cores', String(cores));
  await expect(page.getByTestId('run-button')).toBeEnabled();
}

/** Sweeps worker threads over 1..maxWorkers on a small prime count and waits for the end. */
async function sweep(page: Page, maxWorkers: number): Promise<void> {
  await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
  await page.getByLabel('Upper bound (exclusive)').fill('1500000');
  await page.getByLabel('Tasks', { exact: true }).fill('24');
  await page.getByLabel('Model to sweep').selectOption('worker-threads');
  const slider = page.getByTestId('sweep-max-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let n = 1; n < maxWorkers; n++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('sweep-button')).toHaveText(`Sweep 1…${maxWorkers} workers`);
  await page.getByTestId('sweep-button').click();
  await expect(page.getByTestId('status')).toContainText(/sweep complete/i, { timeout: 90_000 });
}

test.afterEach(({ server }) => removeSnapshots(server));

test('two worker counts: no USL claim, and the panel says why', async ({ page, server }) => {
  test.setTimeout(120_000);
  await openApp(page, server.url);
  await sweep(page, 2);
  const panel = page.getByTestId('speedup-chart');
  const words = panel.getByTestId('sweep-explanation');
  await expect(words).toContainText(
    'No fit of the Universal Scalability Law (USL): it needs at least 4 different worker counts and this has 2; sweep to at least 4 workers.',
  );
  await expect(words).toContainText(/No fit of Amdahl's law.*sweep to at least 3 workers/);
  await expect(panel.getByTestId('fit-figures')).toHaveCount(0);
  await expect(panel).not.toContainText('USL fit');
  await expect(panel).not.toContainText(/peak/i);
  await page.screenshot({ path: `${SHOTS}/20-sweep-two-workers.png`, fullPage: true });
});

test('four worker counts: fits with 95% intervals, tooltips and the glossary', async ({
  page,
  server,
}) => {
  test.setTimeout(150_000);
  await openApp(page, server.url);
  await sweep(page, 4);
  const panel = page.getByTestId('speedup-chart');
  await expect(panel.getByTestId('sweep-explanation')).toContainText(/^USL: /);
  await expect(panel.getByTestId('sweep-explanation')).toContainText(/Amdahl's law: /);
  const figures = panel.getByTestId('fit-figures');
  await expect(figures).toContainText('Contention σ (USL)');
  await expect(figures).toContainText(/95%: \S+ to \S+/);
  await expect(figures.locator('div[title*="queue for something only one can use"]')).toHaveCount(
    1,
  );
  await panel.getByText('What σ, κ and the serial fraction mean').click();
  await expect(panel.getByTestId('scaling-glossary')).toContainText(
    'The cost of keeping shared data consistent between workers',
  );
  await page.screenshot({ path: `${SHOTS}/21-sweep-four-workers.png`, fullPage: true });

  // The same glossary in "About these numbers".
  await page.getByRole('button', { name: /about these numbers/i }).click();
  const about = page.getByRole('dialog', { name: 'About these numbers' });
  await expect(about.getByTestId('scaling-glossary')).toContainText("Amdahl's serial fraction");
  await about.getByRole('button', { name: 'Close' }).click();
});

/** A sweep snapshot from an 8-thread, 4-core machine with SMT, as if saved over there. */
function smtSweepSnapshot(): string {
  const measured = [1, 2, 3, 4, 5, 6, 7, 8].map((workers) => ({
    workers,
    // Four real cores, then SMT siblings that add a little: USL-like, with noise.
    wallMs:
      ((800 * (1 + 0.04 * (workers - 1) + 0.004 * workers * (workers - 1))) /
        Math.min(workers, 4 + (workers - 4) * 0.3)) *
      (1 + 0.01 * Math.sin(workers * 7)),
  }));
  const rounds = measured.map(({ workers, wallMs }) => ({ workers, roundWallMs: [wallMs] }));
  const content: SnapshotContent = {
    kind: 'sweep',
    config: {
      workload: 'cpu.primes',
      params: { limit: 500_000 },
      taskCount: 64,
      model: 'worker-threads',
      maxWorkers: 8,
    },
    startedAt: '2025-03-04T05:06:00.000Z',
    results: measured.map(({ workers, wallMs }) =>
      modelResult({ workers, wallMs, taskCount: 64, tasksDone: 64, tasksPerSec: 64_000 / wallMs }),
    ),
    points: sweepPoints(rounds),
    fit: fitScaling(sweepObservations(rounds)),
    interference: null,
    estimate: null,
    coreSeries: [],
    modelStartsMs: measured.map(() => null),
  };
  return serializeSnapshot(
    buildSnapshot(
      {
        name: 'smt box',
        note: '',
        createdAt: '2025-03-04T05:07:00.000Z',
        appVersion: '0.1.0',
        host: {
          ...HOST_INFO,
          logicalCores: 8,
          physicalCores: 4,
          topology: { source: 'sysfs', threadsPerCore: 2, governor: 'schedutil', onBattery: false },
        },
      },
      content,
    ),
  );
}

test('a snapshot from an SMT machine shades the workers past its physical cores', async ({
  page,
  server,
}) => {
  await openApp(page, server.url);
  await page.getByTestId('snapshot-import-input').setInputFiles({
    name: 'smt box.json',
    mimeType: 'application/json',
    buffer: Buffer.from(smtSweepSnapshot()),
  });
  await page.getByRole('button', { name: 'Open “smt box”' }).click();
  const panel = page.getByTestId('snapshot-view').getByTestId('speedup-chart');
  await expect(panel).toContainText('2 threads per core (SMT)');
  await expect(panel.getByTestId('sweep-explanation')).toContainText(
    'Beyond 4 workers the extra workers share physical cores (SMT)',
  );
  await expect(panel.locator('.recharts-reference-area')).toHaveCount(1);
  await expect(panel).toContainText('shared cores (SMT)');
  await panel.screenshot({ path: `${SHOTS}/22-sweep-smt-band.png` });
});

test('the sweep panel fits a CSV of anyone’s data and refuses a bad one by line', async ({
  page,
  server,
}) => {
  await openApp(page, server.url);
  const input = page.getByLabel('Fit a CSV of your own');
  await input.setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('workers,throughput\n1,10\n2,lots\n3,27\n4,33\n'),
  });
  await expect(page.getByRole('alert')).toContainText(
    'bad.csv line 3 throughput "lots" is not a number',
  );
  await input.setInputFiles(resolve('test/fixtures/scaling-csv/specsdm91.csv'));
  const panel = page.getByTestId('speedup-chart');
  await expect(panel.getByRole('heading', { name: 'Speedup: specsdm91.csv' })).toBeVisible();
  await expect(panel.getByTestId('sweep-explanation')).toContainText(/peak at about 97 workers/);
  await expect(panel.getByTestId('fit-figures')).toContainText('≈ 97 workers');
  await panel.screenshot({ path: `${SHOTS}/23-sweep-imported-csv.png` });
  await panel.getByRole('button', { name: 'Close the import' }).click();
  await expect(page.getByRole('heading', { name: 'Scaling', exact: true })).toBeVisible();
});
