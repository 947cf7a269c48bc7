/**
 * Where the worker time went, as the window shows it after a real run: a stacked bar per
 * model with its sentence, and "unavailable" with the reason where the shares cannot be read
 * (a page's own workers), never zeros.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { chooseSmallWorkload, openApp, runAndWait, selectModels } from './app-page';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

test('each model card splits its worker time, and a page model says what it cannot read', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openApp(page, server.url);
  await chooseSmallWorkload(page);
  await selectModels(page, ['worker-threads', 'web-workers']);
  await runAndWait(page);

  const threads = page.locator('[data-testid="time-shares"][data-model="worker-threads"]');
  await expect(threads.getByRole('img')).toHaveAttribute(
    'aria-label',
    /^Worker time: running \d+%, waiting for a core \d+%, blocked \d+%, idle \d+%, messaging \d+%$/,
  );
  await expect(threads.getByTestId('time-shares-sentence')).toContainText(/\d+%/);
  await expect(threads.locator('.time-shares-seg').first()).toBeVisible();

  const page_ = page.locator('[data-testid="time-shares"][data-model="web-workers"]');
  await expect(page_.locator('li[data-state="running"]')).toContainText('unavailable');
  await expect(page_.getByTestId('time-shares-sentence')).toContainText(
    /unavailable: a page cannot read its threads' scheduler states/,
  );
  // Idle and messaging still come from the task timings.
  await expect(page_.locator('li[data-state="idle"]')).toContainText(/\d+%/);

  await page.locator('.model-cards').scrollIntoViewIfNeeded();
  await page.locator('.model-cards').screenshot({ path: `${SHOTS}/17-time-shares.png` });
});
