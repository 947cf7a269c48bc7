/**
 * How a run is measured, as the window shows it, in real Chromium against real browser
 * mode: the estimate before Run, the calibrated size shared by the page's own models, the
 * verdict at the top of the results, and the warning when another process was busy.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Opens the app and waits until Run can be pressed. */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('run-button')).toBeEnabled();
}

/** Leaves exactly the given models switched on. */
async function selectModels(page: Page, wanted: string[]): Promise<void> {
  for (const toggle of await page.locator('input[type=checkbox][data-model]').all()) {
    if (await toggle.isDisabled()) continue;
    await toggle.setChecked(wanted.includes((await toggle.getAttribute('data-model')) ?? ''));
  }
}

/** "123/123 tasks" of a model's row in the results table. */
async function tasksOfRow(page: Page, model: string): Promise<string> {
  const text = await page.locator(`tbody tr[data-model="${model}"] th`).innerText();
  return /(\d[\d,]*)\/(\d[\d,]*) tasks/.exec(text)?.[0] ?? text;
}

test('an automatically sized run shows its estimate, sizes the page models alike and ends with a verdict', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  await openApp(page, server.url);
  await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
  await selectModels(page, ['worker-threads', 'web-workers']);
  // Nothing typed into the size: calibration sizes it, and says so next to Run.
  await expect(page.getByTestId('size-mode')).toContainText(/sized to this machine/i);
  await expect(page.getByTestId('run-estimate')).toContainText(/Estimate: about \d/, {
    timeout: 30_000,
  });
  await page.screenshot({ path: `${SHOTS}/11-estimate.png`, fullPage: true });
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 90_000 });
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText(/faster than|within noise|about the same time/);
  await expect(verdict).toContainText(/worker threads|Web Workers/i);
  // Both hosts ran the size calibration picked, and their checksums agree with the reference.
  const rows = page.getByTestId('results-table').locator('tbody tr[data-model]');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-verified', 'true');
  expect(await tasksOfRow(page, 'web-workers')).toBe(await tasksOfRow(page, 'worker-threads'));
  await page.screenshot({ path: `${SHOTS}/12-verdict.png`, fullPage: true });
});

test('a run beside a busy process is flagged with the reason', async ({ page, server }) => {
  test.setTimeout(120_000);
  // A real burner pinned to core 0, not a mock: the engine must see it as other load.
  const burner = spawn('taskset', ['-c', '0', process.execPath, '-e', 'for(;;){}'], {
    stdio: 'ignore',
  });
  try {
    await openApp(page, server.url);
    await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
    await page.getByLabel('Upper bound (exclusive)').fill('2000000');
    await page.getByLabel('Tasks', { exact: true }).fill('32');
    await selectModels(page, ['event-loop', 'worker-threads']);
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 90_000 });
    const warning = page.getByRole('alert').filter({ hasText: /may not be this machine/ });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(/other programs|oversubscribed|cores/i);
    await expect(page.getByTestId('row-disturbed').first()).toBeVisible();
    await expect(page.getByTestId('verdict')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/13-flagged.png`, fullPage: true });
  } finally {
    burner.kill('SIGKILL');
  }
});
