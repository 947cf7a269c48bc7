/**
 * Where a pipeline's time went, as the Pipeline tab shows it after a real run: a bar and a
 * sentence for the producers and one for the consumers; the page's own pipeline says what it
 * cannot read instead of showing zeros.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Starts a pipeline of `model` with the default settings, lets it run a moment, stops it. */
async function runPipeline(page: Page, model: string): Promise<void> {
  await page.getByLabel('Model').selectOption(model);
  await page.getByTestId('pipeline-start').click();
  const charts = page.getByTestId('pipeline-charts');
  await expect
    .poll(async () => Number(await charts.getAttribute('data-samples')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(6);
  await page.getByTestId('pipeline-stop').click();
  await expect(page.getByTestId('pipeline-totals')).toBeVisible({ timeout: 15_000 });
}

test('a pipeline splits its producers’ and consumers’ time; the page’s own says why it cannot', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await page.goto(server.url);
  await page.getByTestId('mode-pipeline').click();
  await expect(page.getByTestId('pipeline-start')).toBeEnabled();

  await runPipeline(page, 'worker-threads');
  const shares = page.getByTestId('pipeline-time-shares');
  await expect(shares.getByRole('heading', { name: 'Where the time went' })).toBeVisible();
  for (const role of ['producers', 'consumers']) {
    const bar = shares.locator(`[data-testid="time-shares"][data-role="${role}"]`);
    await expect(bar.getByRole('img')).toHaveAttribute(
      'aria-label',
      new RegExp(
        `^Time of the ${role}: running \\d+%, waiting for a core \\d+%, blocked \\d+%, idle \\d+%, messaging \\d+%$`,
      ),
    );
    await expect(bar.getByTestId('time-shares-sentence')).toContainText(/\d+%/);
  }
  await shares.scrollIntoViewIfNeeded();
  await shares.screenshot({ path: `${SHOTS}/17-pipeline-time-shares.png` });

  await runPipeline(page, 'web-workers');
  const consumers = shares.locator('[data-testid="time-shares"][data-role="consumers"]');
  await expect(consumers.locator('li[data-state="running"]')).toContainText('unavailable');
  await expect(consumers.getByTestId('time-shares-sentence')).toContainText(
    /^Where the time went is unavailable: a page cannot read its threads' scheduler states\.$/,
  );
  await shares.screenshot({ path: `${SHOTS}/17-pipeline-time-shares-page.png` });
});
