/**
 * The window by keyboard alone: the skip link, the mode tabs, a run started and stopped,
 * the Export menu, a pipeline. Each step asserts where focus lands, not only what happened.
 */
import { expect, test } from './fixtures';
import {
  chooseSmallWorkload,
  openApp,
  removeSnapshots,
  runAndWait,
  saveAs,
  selectModels,
} from './app-page';

test.afterEach(({ server }) => removeSnapshots(server));

test('the skip link is the first stop and lands on the live view', async ({ page, server }) => {
  await openApp(page, server.url);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the live view and results' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('arrow keys move between the mode tabs and focus stays on them', async ({ page, server }) => {
  await openApp(page, server.url);
  const compare = page.getByRole('tab', { name: 'Compare' });
  const live = page.getByRole('tab', { name: 'Live' });
  const pipeline = page.getByRole('tab', { name: 'Pipeline' });
  const messages = page.getByRole('tab', { name: 'Messages' });
  await compare.focus();
  await page.keyboard.press('ArrowRight');
  await expect(live).toBeFocused();
  await expect(live).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('live-start')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(pipeline).toBeFocused();
  await expect(pipeline).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pipeline-start')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(messages).toBeFocused();
  await expect(page.getByTestId('messages-measure')).toBeVisible();
  await page.keyboard.press('ArrowRight'); // wraps round
  await expect(compare).toBeFocused();
  await expect(page.getByTestId('run-button')).toBeVisible();
  await page.keyboard.press('End');
  await expect(messages).toBeFocused();
  await page.keyboard.press('Home');
  await expect(compare).toBeFocused();
  await expect(compare).toHaveAttribute('aria-selected', 'true');
  // Tab leaves the list for the panel it controls.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Workload', { exact: true })).toBeFocused();
});

test('Run hands focus to Stop, and Stop hands it back to Run', async ({ page, server }) => {
  await openApp(page, server.url);
  await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
  await page.getByLabel('Upper bound (exclusive)').fill('100000000');
  await page.getByLabel('Tasks', { exact: true }).fill('2000');
  await selectModels(page, ['worker-threads']);
  const run = page.getByTestId('run-button');
  const stop = page.getByTestId('stop-button');
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(stop).toBeFocused({ timeout: 20_000 });
  await expect(stop).toBeEnabled();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toContainText(/cancel/i, { timeout: 10_000 });
  await expect(run).toBeFocused();
});

test('the Export menu opens from the keyboard and closes on Escape', async ({ page, server }) => {
  await openApp(page, server.url);
  await chooseSmallWorkload(page);
  await selectModels(page, ['worker-threads']);
  await runAndWait(page);
  await saveAs(page, 'keys');
  const exportButton = page.getByLabel('Export “keys”', { exact: true });
  const menuItem = page.getByRole('button', { name: 'Export “keys” as JSON' });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  await expect(menuItem).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(menuItem).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menuItem).toBeHidden();
  await expect(exportButton).toBeFocused();
});

test('a pipeline started by keyboard hands focus to Stop', async ({ page, server }) => {
  await openApp(page, server.url);
  await page.getByRole('tab', { name: 'Pipeline' }).click();
  const start = page.getByTestId('pipeline-start');
  const stop = page.getByTestId('pipeline-stop');
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(stop).toBeFocused({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const totals = page.getByTestId('pipeline-totals');
  await expect(totals).toBeVisible({ timeout: 20_000 });
  await expect(start).toBeFocused();
  // The totals say where the time after Stop went, not only the drain.
  await expect(totals).toContainText(
    /From pressing Stop to this result: [\d.]+ m?s, of which [\d.]+ m?s before this page/,
  );
});
