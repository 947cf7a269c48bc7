/**
 * The window at its two reference sizes: 1440×900 (a laptop) shows Run without scrolling,
 * and 1024×700 (the smallest window the app allows) never scrolls sideways. Each view is
 * screenshotted at both sizes.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
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

const SHOTS = 'test-results/screenshots/layout';
mkdirSync(SHOTS, { recursive: true });

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

/** How far the document and every scroll container overflow sideways, in CSS pixels. */
async function horizontalOverflow(page: Page): Promise<{ element: string; px: number }[]> {
  return page.evaluate(() => {
    const found: { element: string; px: number }[] = [];
    for (const el of [document.documentElement, ...document.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      const scrolls = el === document.documentElement || /auto|scroll/.test(style.overflowX);
      const px = el.scrollWidth - el.clientWidth;
      if (scrolls && px > 0) found.push({ element: `${el.tagName}.${el.className}`, px });
    }
    return found;
  });
}

/** Asserts nothing scrolls sideways and saves a screenshot of the view. */
async function checkView(page: Page, name: string, width: number): Promise<void> {
  expect(await horizontalOverflow(page), `${name} at ${width}px`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} Run is on screen and nothing scrolls sideways`, async ({
    page,
    server,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await openApp(page, server.url);
    const run = await page.getByTestId('run-button').boundingBox();
    expect(run).not.toBeNull();
    if (size.width === 1440) expect(run!.y + run!.height).toBeLessThanOrEqual(size.height);
    await checkView(page, 'idle', size.width);

    await chooseSmallWorkload(page);
    await selectModels(page, ['event-loop', 'worker-threads', 'child-process']);
    await runAndWait(page);
    await checkView(page, 'results', size.width);
    await page.getByTestId('results-table').scrollIntoViewIfNeeded();
    await checkView(page, 'results-table', size.width);

    const name = `layout ${size.width}`;
    await saveAs(page, name);
    await runAndWait(page);
    await saveAs(page, `${name} again`);
    await page.getByRole('button', { name: `Open “${name}”` }).click();
    await expect(page.getByTestId('snapshot-view')).toBeVisible();
    await checkView(page, 'snapshot', size.width);
    await page.getByTestId('snapshot-view').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('checkbox', { name: `Choose “${name}” to compare` }).check();
    await page.getByRole('checkbox', { name: `Choose “${name} again” to compare` }).check();
    await page.getByTestId('compare-button').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    await checkView(page, 'compare', size.width);
    await page.getByTestId('compare-view').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('mode-pipeline').click();
    await expect(page.getByTestId('pipeline-start')).toBeEnabled();
    await checkView(page, 'pipeline', size.width);
  });
}
