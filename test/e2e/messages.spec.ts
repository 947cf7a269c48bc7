/**
 * The message explorer in real Chromium against real browser mode: a small measurement fills
 * the table and the charts, and the panel says where sharing beats copying.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Opens the Messages tab once the page's estimate of the default run has ended. */
async function openMessages(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The page estimates the default run on load; the explorer is refused while that probes.
  await expect(page.getByTestId('run-estimate')).toContainText(/Estimate: about \d/, {
    timeout: 30_000,
  });
  await page.getByTestId('mode-messages').click();
}

test('a small measurement shows rows, the crossover and the control check', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openMessages(page, server.url);
  await expect(page.getByRole('tab', { name: 'Messages' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // 8 B … 2 MiB, by keyboard on the log slider (8 B, 32 B, … 32 MiB, 64 MiB): 3 steps down.
  const largest = page.getByRole('slider', { name: 'Largest payload' });
  await largest.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect(largest).toHaveAttribute('aria-valuetext', '2 MiB');
  await page.getByRole('checkbox', { name: 'Python multiprocessing', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Python threading', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Measure' }).click();

  const crossovers = page.getByTestId('messages-crossovers');
  await expect(crossovers).toBeVisible({ timeout: 60_000 });
  // 10 sizes × (4 worker_threads modes + 2 IPC serialisations).
  await expect(page.getByTestId('messages-row')).toHaveCount(60);
  await expect(page.getByTestId('messages-crossover').first()).toContainText(
    /Worker threads: (from|at every size measured).+, SharedArrayBuffer \(no copy\) beats structured clone \(copy\) on this machine/,
  );
  await expect(page.getByTestId('messages-control')).toContainText(
    'Checked against a bare postMessage round trip measured beside it',
  );
  await expect(page.getByTestId('status')).toHaveText('Measured 60 rows.');
  await expect(page.locator('.messages-charts .recharts-line')).not.toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 'messages.png'), fullPage: true });
});

test('a long measurement up to 64 MiB shows its progress and cancels from the keyboard', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openMessages(page, server.url);
  // The whole ladder, 8 B … 64 MiB, every model (Python's too where it is here).
  await expect(page.getByRole('slider', { name: 'Largest payload' })).toHaveAttribute(
    'aria-valuetext',
    '64 MiB',
  );
  const measure = page.getByRole('button', { name: 'Measure' });
  await measure.focus();
  await page.keyboard.press('Enter');
  // Focus moves to Cancel while it measures, so Enter again cancels.
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  const progress = page.getByRole('progressbar', { name: 'Rows measured' });
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('status')).toContainText(/Measuring… \d+ of \d+ rows/);
  await page.screenshot({ path: join(SHOTS, 'messages-measuring.png'), fullPage: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toContainText(
    /^Cancelled after \d+ of \d+ rows; its workers have ended\.$/,
    { timeout: 3000 },
  );
  await expect(measure).toBeEnabled();
  await expect(measure).toBeFocused();
  await expect(progress).toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 'messages-cancelled.png'), fullPage: true });
});
