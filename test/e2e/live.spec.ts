/**
 * Live mode in real Chromium against real browser mode: start a live run at one worker,
 * move the slider to two by keyboard and watch throughput and cores busy rise within 2 s;
 * stop it, save it as a snapshot and reopen it.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { openApp, removeSnapshots } from './app-page';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

test.afterEach(({ server }) => removeSnapshots(server));

/** Opens live mode with exactly `models` switched on. */
async function openLive(page: Page, url: string, models: string[]): Promise<void> {
  await openApp(page, url);
  await page.getByTestId('mode-live').click();
  await expect(page.getByRole('tab', { name: 'Live' })).toHaveAttribute('aria-selected', 'true');
  const form = page.getByRole('form', { name: 'Live settings' });
  for (const toggle of await form.getByRole('checkbox').all()) {
    const model = await toggle.getAttribute('data-model');
    if (model === null || (await toggle.isDisabled())) continue;
    await toggle.setChecked(models.includes(model));
  }
}

/** A readout's number ("1,234" → 1234), or NaN while it shows "–". */
async function readNumber(locator: Locator): Promise<number> {
  return Number((await locator.textContent())?.replaceAll(',', '') ?? 'NaN');
}

test('a slider moved by keyboard in a live run raises throughput and cores busy within 2 s', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openLive(page, server.url, ['worker-threads']);
  const slider = page.getByTestId('live-worker-slider-worker-threads');
  await expect(slider).toHaveAttribute('aria-valuetext', '1 worker');
  await page.getByTestId('live-start').click();

  const throughput = page.getByTestId('live-throughput-worker-threads');
  const coresBusy = page.getByTestId('cores-busy');
  const card = page.getByTestId('live-model-worker-threads');
  // Steady at one worker: a few samples whose whole window held one worker.
  await expect
    .poll(async () => Number(await card.getAttribute('data-samples')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(10);
  await expect(slider).toBeEnabled();
  const oneWorkerRate = await readNumber(throughput);
  const oneWorkerBusy = await readNumber(coresBusy);
  expect(oneWorkerRate).toBeGreaterThan(0);

  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const movedAt = Date.now();
  await expect(slider).toHaveAttribute('aria-valuetext', '2 workers');
  // Both readouts rise within 2 s of the key press (the slider waits 150 ms for quiet).
  await expect
    .poll(async () => (await readNumber(throughput)) / oneWorkerRate, {
      timeout: 2000,
      intervals: [100],
    })
    .toBeGreaterThan(1.25);
  await expect
    .poll(async () => (await readNumber(coresBusy)) - oneWorkerBusy, {
      timeout: Math.max(100, 2000 - (Date.now() - movedAt)),
      intervals: [100],
    })
    .toBeGreaterThan(0.4);
  expect(Date.now() - movedAt).toBeLessThan(2500);
  await expect(page.getByTestId('live-workers-worker-threads')).toHaveText('2');
  await expect(card.getByRole('figure', { name: /throughput against workers/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/20-live-running.png`, fullPage: true });

  await page.getByTestId('live-stop').click();
  await expect(page.getByTestId('status')).toContainText(/^Stopped/, { timeout: 15_000 });
  await expect(page.getByTestId('live-checksum-worker-threads')).toContainText(
    'every checksum exact',
  );
  await expect(page.getByTestId('live-start')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/21-live-stopped.png`, fullPage: true });

  // Saved and reopened: the step series, the resize and the scaling plot come back.
  const name = 'live e2e';
  await page.getByTestId('save-snapshot-button').click();
  const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
  await expect(dialog).toContainText('live run');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('mode-compare').click();
  const row = page.getByTestId('snapshot-list').locator(`li[data-snapshot="${name}"]`);
  await expect(row).toContainText('Live');
  await page.getByRole('button', { name: `Open “${name}”` }).click();
  const view = page.getByTestId('snapshot-view');
  await expect(view).toContainText('A live run');
  const saved = view.getByTestId('live-model-worker-threads');
  await expect(saved.getByRole('figure', { name: /worker count over time/ })).toBeVisible();
  await expect(saved.getByRole('figure', { name: /throughput against workers/ })).toBeVisible();
  await expect(saved).toContainText('every checksum exact');
  await expect(saved.getByTestId('live-steps-worker-threads')).toContainText('2 workers');
  await page.screenshot({ path: `${SHOTS}/22-live-snapshot.png`, fullPage: true });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`a ramp fills the scaling plot (${scheme}, 1024×700)`, async ({ page, server }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.emulateMedia({ colorScheme: scheme });
    await openLive(page, server.url, ['worker-threads', 'child-process']);
    await page.getByTestId('live-ramp-to').focus();
    await page.keyboard.press('Home'); // 2 workers
    await page.getByLabel('Seconds per step').selectOption('2');
    await page.getByTestId('live-ramp').click();
    await expect(page.getByTestId('live-worker-slider-worker-threads')).toBeDisabled();
    await expect(page.getByTestId('status')).toContainText(/^Done/, { timeout: 30_000 });
    const steps = page.getByTestId('live-steps-worker-threads');
    await expect(steps).toContainText('1 worker');
    await expect(steps).toContainText('2 workers');
    await page.screenshot({ path: `${SHOTS}/23-live-ramp-${scheme}.png`, fullPage: true });
  });
}
