/**
 * axe-core scans every view of the window (idle, after a run, an opened snapshot, a
 * comparison, the pipeline, live mode idle, running and stopped) in the light and the dark
 * scheme: none may have a violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';
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

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/** One line per failing element: rule, target and axe's summary of what is wrong. */
function describe(violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  );
}

/** Runs axe on the whole page (WCAG 2.1 A and AA, and best practices) and lists violations. */
async function violationsOn(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, so the page's CSP does not apply to it.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }
    ).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      resultTypes: ['violations'],
    }),
  );
  return describe(results.violations);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every view has no axe violations in the ${scheme} scheme`, async ({ page, server }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, server.url);
    expect(await violationsOn(page), 'idle').toEqual([]);

    await chooseSmallWorkload(page);
    // Long enough (a few seconds) that 10 Hz samples catch the workers on their cores.
    await page.getByLabel('Upper bound (exclusive)').fill('3000000');
    await selectModels(page, ['event-loop', 'worker-threads']);
    await runAndWait(page);
    expect(await violationsOn(page), 'after a run').toEqual([]);
    if (process.platform === 'linux') {
      // Only a Linux engine names the worker on each core, and so offers this colouring.
      const colouring = page.getByRole('group', { name: 'Colour the cores by' });
      await colouring.getByRole('button', { name: 'Model' }).click();
      expect(await violationsOn(page), 'cores coloured by model').toEqual([]);
      await colouring.getByRole('button', { name: 'Utilisation' }).click();
    }

    const first = `${scheme} one`;
    const second = `${scheme} two`;
    await saveAs(page, first);
    await runAndWait(page);
    await saveAs(page, second);
    await page.getByRole('button', { name: `Open “${first}”` }).click();
    await expect(page.getByTestId('snapshot-view')).toBeVisible();
    expect(await violationsOn(page), 'snapshot open').toEqual([]);
    await page.getByTestId('snapshot-view').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('checkbox', { name: `Choose “${first}” to compare` }).check();
    await page.getByRole('checkbox', { name: `Choose “${second}” to compare` }).check();
    await page.getByTestId('compare-button').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    expect(await violationsOn(page), 'compare').toEqual([]);
    await page.getByTestId('compare-view').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('mode-pipeline').click();
    await expect(page.getByTestId('pipeline-start')).toBeEnabled();
    expect(await violationsOn(page), 'pipeline').toEqual([]);
    await page.getByTestId('pipeline-start').click();
    await expect
      .poll(
        async () => Number(await page.getByTestId('pipeline-charts').getAttribute('data-samples')),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThanOrEqual(4);
    await page.getByTestId('pipeline-stop').click();
    await expect(page.getByTestId('pipeline-time-shares')).toBeVisible({ timeout: 15_000 });
    expect(await violationsOn(page), 'pipeline, ended').toEqual([]);

    await page.getByTestId('mode-live').click();
    await expect(page.getByTestId('live-start')).toBeEnabled();
    expect(await violationsOn(page), 'live, idle').toEqual([]);
    await page.getByTestId('live-start').click();
    const card = page.getByTestId('live-model-worker-threads');
    await expect
      .poll(async () => Number(await card.getAttribute('data-samples')), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(6);
    expect(await violationsOn(page), 'live, running').toEqual([]);
    await page.getByTestId('live-stop').click();
    await expect(page.getByTestId('status')).toContainText(/^Stopped/, { timeout: 15_000 });
    expect(await violationsOn(page), 'live, stopped').toEqual([]);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the message explorer has no axe violations in the ${scheme} scheme`, async ({
    page,
    server,
  }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, server.url);
    // The page estimates the default run on load; the explorer is refused while that probes.
    await expect(page.getByTestId('run-estimate')).toContainText(/Estimate: about \d/, {
      timeout: 30_000,
    });
    await page.getByTestId('mode-messages').click();
    await expect(page.getByTestId('messages-measure')).toBeEnabled();
    expect(await violationsOn(page), 'messages idle').toEqual([]);
    await page.getByTestId('messages-model-child-process').uncheck();
    await page.getByTestId('messages-model-python-multiprocessing').uncheck();
    await page.getByTestId('messages-model-python-threading').uncheck();
    await page.getByTestId('messages-max-bytes').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('messages-measure').click();
    await expect(page.getByTestId('messages-crossovers')).toBeVisible({ timeout: 30_000 });
    expect(await violationsOn(page), 'messages measured').toEqual([]);
    // A long measurement: its progress and Cancel, then the cancelled state.
    await page.getByTestId('messages-max-bytes').focus();
    await page.keyboard.press('End');
    await page.getByTestId('messages-measure').click();
    await expect(page.getByRole('progressbar', { name: 'Rows measured' })).toBeVisible({
      timeout: 30_000,
    });
    expect(await violationsOn(page), 'messages measuring').toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('status')).toContainText(/^Cancelled/, { timeout: 5000 });
    expect(await violationsOn(page), 'messages cancelled').toEqual([]);
  });
}
