/**
 * Live mode in real Chromium against real browser mode: start a live run at one worker,
 * move the slider to two by keyboard and watch throughput and cores busy rise within 2 s;
 * stop it, save it as a snapshot and reopen it.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { CORES, openApp, removeSnapshots } from './app-page';
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
  // The baseline is a mean over a second: one reading on a busy machine can be an outlier.
  const before: { rate: number; busy: number }[] = [];
  for (let i = 0; i < 5; i++) {
    before.push({ rate: await readNumber(throughput), busy: await readNumber(coresBusy) });
    await page.waitForTimeout(250);
  }
  const oneWorkerRate = before.reduce((sum, b) => sum + b.rate, 0) / before.length;
  const oneWorkerBusy = before.reduce((sum, b) => sum + b.busy, 0) / before.length;
  expect(oneWorkerRate).toBeGreaterThan(0);

  // Timed in the page, from the key's own event to the readout drawn above the mark: what a
  // person sees, without the test's round trips on a busy machine.
  await page.evaluate(() => {
    const mark = window as unknown as { movedAtMs: number };
    mark.movedAtMs = 0;
    document.addEventListener('keydown', (event) => (mark.movedAtMs = event.timeStamp), {
      once: true,
      capture: true,
    });
  });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '2 workers');
  const riseMs = (testId: string, above: number) =>
    page
      .waitForFunction(
        ([id, limit]) => {
          const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
          const value = Number(text.replaceAll(',', ''));
          const { movedAtMs } = window as unknown as { movedAtMs: number };
          return value > limit ? performance.now() - movedAtMs : null;
        },
        [testId, above] as const,
        { timeout: 10_000, polling: 50 },
      )
      .then((handle) => handle.jsonValue() as Promise<number>);
  const rateRiseMs = await riseMs('live-throughput-worker-threads', 1.2 * oneWorkerRate);
  // Cores busy counts every process. On a machine already saturated by other work there is
  // no core left to light up, and a new thread waits its turn to start: there the 2 s goal
  // cannot be asked for, only that throughput rises at all (within riseMs's 10 s).
  const hasHeadroom = CORES - oneWorkerBusy >= 0.6;
  const busyRiseMs = hasHeadroom ? await riseMs('cores-busy', oneWorkerBusy + 0.4) : null;
  const figures = {
    type: 'live resize',
    description:
      `1→2 workers: throughput ${Math.round(oneWorkerRate)} tasks/s rose over 1.2× in ` +
      `${Math.round(rateRiseMs)} ms; cores busy ${oneWorkerBusy.toFixed(1)} of ${CORES} ` +
      (busyRiseMs === null
        ? 'before the move: no headroom, so neither rise was held to 2 s'
        : `rose by 0.4 in ${Math.round(busyRiseMs)} ms`),
  };
  test.info().annotations.push(figures);
  console.log(figures.description);
  if (hasHeadroom) {
    expect(rateRiseMs).toBeLessThan(2000);
    expect(busyRiseMs).toBeLessThan(2000);
  }
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
  // Which model ran on each core was saved too (Linux reads the threads; elsewhere it says so).
  const occupancy = view.getByTestId(
    process.platform === 'linux' ? 'core-occupancy' : 'core-occupancy-none',
  );
  await expect(occupancy).toBeVisible();
  if (process.platform === 'linux') {
    await expect(occupancy.locator('tbody tr')).toHaveCount(CORES);
    await expect(occupancy).toContainText(/Worker threads \d+%/);
  }
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

test('a Python threading pool grows by its slider in a live run, every checksum exact', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openLive(page, server.url, []);
  const form = page.getByRole('form', { name: 'Live settings' });
  const toggle = form.locator('[data-model="python-threading"]');
  // Python is looked for when the page first asks for capabilities; its toggle turns on then.
  await expect(toggle)
    .toBeEnabled({ timeout: 15_000 })
    .catch(() => undefined);
  test.skip(await toggle.isDisabled(), 'no Python 3.8+ on this machine');
  await toggle.setChecked(true);
  await form.locator('[data-model="worker-threads"]').setChecked(false);
  const slider = page.getByTestId('live-worker-slider-python-threading');
  await expect(slider).toBeEnabled();
  await page.getByTestId('live-start').click();
  const card = page.getByTestId('live-model-python-threading');
  await expect
    .poll(async () => Number(await card.getAttribute('data-samples')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(4);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '2 threads');
  await expect(page.getByTestId('live-workers-python-threading')).toHaveText('2', {
    timeout: 15_000,
  });
  // Tasks are cut to the work's size in JavaScript: the card says what one took in Python.
  await expect(page.getByTestId('live-task-time-python-threading')).toHaveText(/\d/);
  await page.screenshot({ path: `${SHOTS}/24-live-python.png`, fullPage: true });
  await page.getByTestId('live-stop').click();
  await expect(page.getByTestId('status')).toContainText(/^Stopped/, { timeout: 30_000 });
  await expect(page.getByTestId('live-checksum-python-threading')).toContainText(
    'every checksum exact',
  );
});
