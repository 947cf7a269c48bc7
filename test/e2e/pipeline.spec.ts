/**
 * The pipeline mode in real Chromium against real browser mode: start a short pipeline in
 * an engine model and in the page's Web Workers, watch the live charts move, stop it, and
 * read lost = 0 in the totals; save one as a snapshot and reopen it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Opens the app in pipeline mode. */
async function openPipeline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('mode-pipeline').click();
  await expect(page.getByRole('tab', { name: 'Pipeline' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId('pipeline-start')).toBeEnabled();
}

/** Sets a step slider by keyboard: Home, then `steps` presses of ArrowRight. */
async function setSlider(page: Page, testId: string, steps: number): Promise<void> {
  const slider = page.getByTestId(testId);
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
}

test('a model the engine cannot run a pipeline in is offered disabled, with the reason', async ({
  page,
  server,
}) => {
  await openPipeline(page, server.url);
  // Browser mode has no Electron: the engine's capabilities say so for utility processes.
  const option = page.locator('#pipeline-model option[value="utility-process"]');
  await expect(option).toBeDisabled();
  await expect(option).toHaveAttribute('title', /needs the Corelab desktop app/);
  await expect(page.locator('#pipeline-model option[value="worker-threads"]')).toBeEnabled();
});

test('a worker-threads pipeline runs live, stops gracefully and loses nothing', async ({
  page,
  server,
}) => {
  await openPipeline(page, server.url);
  await page.getByLabel('Model').selectOption('worker-threads');
  await setSlider(page, 'pipeline-producers', 2); // 3 producers
  await setSlider(page, 'pipeline-consumers', 1); // 2 consumers
  await setSlider(page, 'pipeline-interval', 1); // 1 ms
  await setSlider(page, 'pipeline-capacity', 3); // 8 events
  await setSlider(page, 'pipeline-work', 4); // 300 rounds
  await expect(page.getByTestId('pipeline-capacity')).toHaveAttribute('aria-valuetext', '8 events');
  await page.getByTestId('pipeline-start').click();

  // The live charts fill in: several samples, and the events/s chart is drawn.
  const charts = page.getByTestId('pipeline-charts');
  await expect
    .poll(async () => Number(await charts.getAttribute('data-samples')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(6);
  await expect(
    page.getByRole('figure', { name: 'Events produced and consumed per second' }),
  ).toBeVisible();
  await expect(page.getByRole('figure', { name: /lock/ })).toBeVisible();
  await expect(page.getByTestId('core-chart')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/10-pipeline-running.png`, fullPage: true });

  const stop = page.getByTestId('pipeline-stop');
  await expect(stop).toHaveText('Stop');
  await stop.click();
  const totals = page.getByTestId('pipeline-totals');
  await expect(totals).toBeVisible({ timeout: 15_000 });
  await expect(totals).toHaveAttribute('data-lost', '0');
  await expect(totals).toHaveAttribute('data-exact', 'true');
  await expect(totals).toContainText('Stopped: producers stopped first');
  await expect(page.getByTestId('status')).toContainText(/nothing lost/);
  await expect(page.getByTestId('pipeline-start')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/11-pipeline-totals.png`, fullPage: true });
});

test('a second Stop forces a slow pipeline and the totals still add up', async ({
  page,
  server,
}) => {
  await openPipeline(page, server.url);
  await page.getByLabel('Model').selectOption('child-process');
  await setSlider(page, 'pipeline-consumers', 0); // 1 consumer
  await setSlider(page, 'pipeline-interval', 0); // as fast as possible
  await setSlider(page, 'pipeline-capacity', 5); // 32 events
  // 30 000 rounds (about 30 ms) per event: draining a full queue takes about a second.
  await setSlider(page, 'pipeline-work', 8);
  await page.getByTestId('pipeline-start').click();
  const charts = page.getByTestId('pipeline-charts');
  await expect
    .poll(async () => Number(await charts.getAttribute('data-samples')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(4);
  const stop = page.getByTestId('pipeline-stop');
  await stop.click();
  await expect(stop).toHaveText('Force stop');
  await stop.click();
  const totals = page.getByTestId('pipeline-totals');
  await expect(totals).toBeVisible({ timeout: 15_000 });
  await expect(totals).toHaveAttribute('data-lost', '0');
  await expect(totals).toContainText('Forced stop');
  await expect(page.getByTestId('pipeline-transport')).toContainText('message passing');
  await page.screenshot({ path: `${SHOTS}/12-pipeline-forced.png`, fullPage: true });
});

test('the page runs a Web Workers pipeline on shared memory, since it is isolated', async ({
  page,
  server,
}) => {
  await openPipeline(page, server.url);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByLabel('Model').selectOption('web-workers');
  await page.getByLabel('Stops after').selectOption('5');
  await setSlider(page, 'pipeline-interval', 2); // 2 ms
  await page.getByTestId('pipeline-start').click();
  const totals = page.getByTestId('pipeline-totals');
  await expect(totals).toBeVisible({ timeout: 20_000 });
  await expect(totals).toHaveAttribute('data-lost', '0');
  await expect(totals).toContainText('The duration ended');
  await expect(page.getByTestId('pipeline-transport')).toContainText('SharedArrayBuffer');
  await page.screenshot({ path: `${SHOTS}/13-pipeline-web-workers.png`, fullPage: true });
});

test('a renderer-main pipeline runs on the UI thread and stops cleanly', async ({
  page,
  server,
}) => {
  await openPipeline(page, server.url);
  await page.getByLabel('Model').selectOption('renderer-main');
  await setSlider(page, 'pipeline-interval', 1); // 1 ms
  await page.getByTestId('pipeline-start').click();
  const charts = page.getByTestId('pipeline-charts');
  await expect
    .poll(async () => Number(await charts.getAttribute('data-samples')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(4);
  await expect(page.getByText(/No lock: one thread runs one callback at a time/)).toBeVisible();
  await page.getByTestId('pipeline-stop').click();
  const totals = page.getByTestId('pipeline-totals');
  await expect(totals).toHaveAttribute('data-lost', '0', { timeout: 15_000 });
  await expect(page.getByTestId('pipeline-transport')).toContainText("page's UI thread");
});

test('a finished pipeline is saved as a snapshot, listed and reopened', async ({
  page,
  server,
}) => {
  const name = 'pipeline e2e';
  await openPipeline(page, server.url);
  await page.getByLabel('Model').selectOption('event-loop');
  await page.getByTestId('pipeline-start').click();
  const charts = page.getByTestId('pipeline-charts');
  await expect
    .poll(async () => Number(await charts.getAttribute('data-samples')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await page.getByTestId('pipeline-stop').click();
  await expect(page.getByTestId('pipeline-totals')).toHaveAttribute('data-lost', '0', {
    timeout: 15_000,
  });

  await page.getByTestId('save-snapshot-button').click();
  const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
  await expect(dialog).toContainText('pipeline run');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();

  try {
    await page.getByTestId('mode-compare').click();
    const row = page.getByTestId('snapshot-list').locator(`li[data-snapshot="${name}"]`);
    await expect(row).toContainText('Pipeline');
    await page.getByRole('button', { name: `Open “${name}”` }).click();
    const view = page.getByTestId('snapshot-view');
    await expect(view).toContainText('A pipeline run');
    await expect(view.getByTestId('pipeline-totals')).toHaveAttribute('data-lost', '0');
    await expect(
      view.getByRole('figure', { name: 'Events produced and consumed per second' }),
    ).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/12-pipeline-snapshot.png`, fullPage: true });
  } finally {
    // The server (and its snapshot folder) is shared with other spec files of this worker.
    rmSync(join(server.dataDir, 'snapshots', `${name}.json`), { force: true });
  }
});

test('an endless pipeline whose tab closed shows in another tab, whose Stop ends it', async ({
  page,
  server,
}) => {
  const closedTab = await page.context().newPage();
  await openPipeline(closedTab, server.url);
  await closedTab.getByLabel('Model').selectOption('worker-threads');
  await closedTab.getByLabel('Stops after').selectOption('');
  await closedTab.getByTestId('pipeline-start').click();
  await expect(closedTab.getByTestId('pipeline-stop')).toBeEnabled();
  await closedTab.close();

  await page.goto(server.url);
  await page.getByTestId('mode-pipeline').click();
  await expect(page.getByTestId('status')).toContainText('started elsewhere');
  await expect(page.getByTestId('pipeline-adopted')).toBeVisible();
  const stop = page.getByTestId('pipeline-stop');
  await expect(stop).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/13-pipeline-adopted.png`, fullPage: true });
  await stop.click();
  const totals = page.getByTestId('pipeline-totals');
  await expect(totals).toBeVisible({ timeout: 15_000 });
  await expect(totals).toHaveAttribute('data-lost', '0');
  await expect(page.getByTestId('pipeline-start')).toBeEnabled();
});
