/**
 * Which core (issue 17): during a real run on Linux the live core chart can colour each core
 * by the model whose worker last ran there, with a legend in the models' colours and the
 * workers in words for screen readers.
 */
import { mkdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseSmallWorkload, openApp, selectModels } from './app-page';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Pixels of the strip's canvas with a clear hue: in the model colouring only occupants have one. */
async function huedPixels(strip: Locator): Promise<number> {
  return strip.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const max = Math.max(data[i]!, data[i + 1]!, data[i + 2]!);
      const min = Math.min(data[i]!, data[i + 1]!, data[i + 2]!);
      if (data[i + 3]! > 0 && max - min > 60) count++;
    }
    return count;
  });
}

test.skip(process.platform !== 'linux', 'threads’ cores are read from Linux /proc only');

for (const scheme of ['light', 'dark'] as const) {
  test(`the live cores show the run's workers by model (${scheme})`, async ({ page, server }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, server.url);
    await chooseSmallWorkload(page);
    // Long enough (a few seconds a model here) for the once-a-second words to catch a worker.
    await page.getByLabel('Upper bound (exclusive)').fill('20000000');
    await selectModels(page, ['worker-threads', 'child-process']);
    const strip = page.getByTestId('core-chart');
    const colouring = strip.getByRole('group', { name: 'Colour the cores by' });
    // Before any run there is no occupant to show, so no choice is offered.
    await expect(colouring).toHaveCount(0);

    await page.getByTestId('run-button').click();
    await colouring.getByRole('button', { name: 'Model' }).click();
    await expect(colouring.getByRole('button', { name: 'Model' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const legend = strip.locator('.chart-legend');
    await expect(legend.getByText(/^(Worker threads|Child processes)$/).first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(legend).toContainText('Other load (none of the run’s workers)');
    // Words for screen readers, from a sample taken while the workers run.
    const words = page.locator(
      `[id="${await strip.locator('canvas').getAttribute('aria-describedby')}"]`,
    );
    await expect(words).toContainText(/core \d+: (Worker threads|Child processes), worker \d+/, {
      timeout: 30_000,
    });
    await expect(strip.locator('canvas')).toHaveAttribute('aria-label', /coloured by model/);
    await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 60_000 });
    await strip.scrollIntoViewIfNeeded();
    await page
      .locator('.live-panel')
      .screenshot({ path: `${SHOTS}/17-core-occupants-${scheme}.png` });

    // Coloured by model, other load is grey: a hue on the canvas is a worker drawn there.
    expect(await huedPixels(strip)).toBeGreaterThan(0);
    // The occupants' text ends with the run: no worker is named once none is watched.
    await expect(words).toHaveText('', { timeout: 10_000 });
    await colouring.getByRole('button', { name: 'Utilisation' }).click();
    await expect(legend).toHaveCount(0);
    await expect(strip.locator('.heat-scale')).toBeVisible();

    // The timeline's bars carry their cores: the label counts them, the tooltip names each.
    const timeline = page.getByTestId('worker-timeline');
    await expect(timeline).toHaveAttribute('aria-label', /run on \d+ different cores?$/);
    await timeline.scrollIntoViewIfNeeded();
    const box = (await timeline.boundingBox())!;
    const tip = page.locator('.timeline-plot .core-strip-tip');
    // Sweep along the last lane until the pointer is over a task bar.
    for (let x = box.x + 50; x < box.x + box.width && !(await tip.isVisible()); x += 15) {
      await page.mouse.move(x, box.y + box.height - 20 - 11);
    }
    await expect(tip).toContainText(/· core \d+/);
    await page
      .locator('section.subpanel', { has: timeline })
      .screenshot({ path: `${SHOTS}/17-timeline-cores-${scheme}.png` });
  });
}

test('a live run’s workers colour the live cores by model too', async ({ page, server }) => {
  test.setTimeout(90_000);
  await openApp(page, server.url);
  await page.getByTestId('mode-live').click();
  const form = page.getByRole('form', { name: 'Live settings' });
  for (const toggle of await form.getByRole('checkbox').all()) {
    const model = await toggle.getAttribute('data-model');
    if (model === null || (await toggle.isDisabled())) continue;
    await toggle.setChecked(model === 'worker-threads');
  }
  await page.getByTestId('live-start').click();
  const strip = page.getByTestId('core-chart');
  const colouring = strip.getByRole('group', { name: 'Colour the cores by' });
  await colouring.getByRole('button', { name: 'Model' }).click({ timeout: 30_000 });
  await expect(strip.locator('.chart-legend')).toContainText('Worker threads');
  const words = page.locator(
    `[id="${await strip.locator('canvas').getAttribute('aria-describedby')}"]`,
  );
  // One worker at the start: it is worker 0 (or the warm standby, 1, once it takes a task).
  await expect(words).toContainText(/core \d+: Worker threads, worker [01]/, { timeout: 20_000 });
  expect(await huedPixels(strip)).toBeGreaterThan(0);
  await page.getByTestId('live-stop').click();
  await expect(page.getByTestId('status')).toContainText(/^Stopped/, { timeout: 15_000 });
});
