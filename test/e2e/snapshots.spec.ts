/**
 * Snapshots in real Chromium against browser mode: save two runs and a sweep, reopen one,
 * compare them, export (CSV, PNG), refuse a bad import, rename and delete. The server keeps
 * its snapshots in a temp CORELAB_DATA_DIR (see fixtures.ts).
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });
const cores = availableParallelism();

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('core-chart')).toHaveAttribute('data-cores', String(cores));
  await expect(page.getByTestId('run-button')).toBeEnabled();
}

/** A small CPU workload, so each run takes a second or two. */
async function chooseSmallWorkload(page: Page): Promise<void> {
  await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
  await page.getByLabel('Upper bound (exclusive)').fill('600000');
  await page.getByLabel('Tasks', { exact: true }).fill('24');
}

async function selectModels(page: Page, wanted: string[]): Promise<void> {
  for (const toggle of await page.getByRole('checkbox').all()) {
    if (await toggle.isDisabled()) continue;
    const model = await toggle.getAttribute('data-model');
    if (model === null) continue;
    await toggle.setChecked(wanted.includes(model));
  }
}

/** Saves the latest run under `name` through the dialog. */
async function saveAs(page: Page, name: string, note = ''): Promise<void> {
  await page.getByTestId('save-snapshot-button').click();
  const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name').fill(name);
  if (note) await dialog.getByLabel('Note (optional)').fill(note);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('snapshot-notice')).toContainText(`Saved “${name}”`);
}

async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 45_000 });
}

function rowOf(page: Page, name: string) {
  return page.getByTestId('snapshot-list').locator(`li[data-snapshot="${name}"]`);
}

async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

test('save, reopen, compare, export and manage snapshots', async ({ page, server }) => {
  test.setTimeout(240_000);
  await openApp(page, server.url);
  const list = page.getByTestId('snapshot-list');
  await expect(list).toContainText('No snapshots yet');

  // Two comparisons at different worker counts.
  await chooseSmallWorkload(page);
  await selectModels(page, ['event-loop', 'worker-threads']);
  const slider = page.getByTestId('worker-slider-worker-threads');
  await slider.focus();
  await page.keyboard.press('Home');
  await runAndWait(page);
  await saveAs(page, 'one worker', 'worker threads at 1');
  await expect(rowOf(page, 'one worker')).toContainText('worker threads at 1');

  await slider.focus();
  await page.keyboard.press('End');
  await runAndWait(page);
  await saveAs(page, 'many workers');

  // A clash asks before replacing; keeping the old one changes nothing.
  await page.getByTestId('save-snapshot-button').click();
  const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
  await dialog.getByLabel('Name').fill('one worker');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'A snapshot named “one worker” already exists. Replace it?',
  );
  await page.screenshot({ path: `${SHOTS}/10-save-replace.png` });
  await dialog.getByRole('button', { name: 'Keep it, change my name' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rowOf(page, 'one worker')).toContainText('worker threads at 1');
  // Replacing is one more click, after the question.
  await page.getByTestId('save-snapshot-button').click();
  await dialog.getByLabel('Name').fill('many workers');
  await dialog.getByLabel('Note (optional)').fill('replaced');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, 'many workers')).toContainText('replaced');

  // A sweep, for the speedup overlay.
  await page.getByTestId('sweep-button').click();
  await expect(page.getByTestId('speedup-chart')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 60_000 });
  await saveAs(page, 'a sweep');
  await expect(list.locator('li[data-snapshot]')).toHaveCount(3);
  const files = readdirSync(join(server.dataDir, 'snapshots')).sort();
  expect(files).toEqual(['a sweep.json', 'many workers.json', 'one worker.json']);

  // Reopen one: its results in the same panels as a live run.
  await page.getByRole('button', { name: 'Open “one worker”' }).click();
  const view = page.getByTestId('snapshot-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('results-table').locator('tbody tr[data-model]')).toHaveCount(2);
  await expect(view.getByTestId('worker-timeline')).toBeVisible();
  await expect(view).toContainText('worker threads at 1');
  await page.screenshot({ path: `${SHOTS}/11-snapshot-open.png`, fullPage: true });

  // CSV and PNG downloads of the open snapshot.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('one worker.csv');
  const csvLines = (await downloaded(csv)).toString('utf8').trimEnd().split('\r\n');
  expect(csvLines[0]).toMatch(/^snapshot,createdAt,cpuModel/);
  expect(csvLines).toHaveLength(3);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: 'PNG of the charts' }).click(),
  ]);
  const pngBytes = await downloaded(png);
  expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  await png.saveAs(`${SHOTS}/12-snapshot-export.png`);
  await view.getByRole('button', { name: 'Close' }).click();

  // Compare all three: A is the first ticked.
  await page.getByRole('checkbox', { name: 'Choose “one worker” to compare' }).check();
  await page.getByRole('checkbox', { name: 'Choose “many workers” to compare' }).check();
  await page.getByRole('checkbox', { name: 'Choose “a sweep” to compare' }).check();
  await page.getByTestId('compare-button').click();
  const compare = page.getByTestId('compare-view');
  await expect(compare).toBeVisible();
  await expect(compare.getByRole('article')).toHaveCount(3);
  await expect(compare.getByTestId('compare-sentences')).toContainText(
    /Worker threads: [\d.]+× (faster|slower) on B \(many workers\) than on A \(one worker\)|Worker threads: about the same on B/,
  );
  await expect(compare.getByTestId('compare-table').locator('tbody tr')).toHaveCount(2);
  await expect(compare.getByRole('figure', { name: /Speedup against worker count/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/13-compare.png`, fullPage: true });
  const [comparePng] = await Promise.all([
    page.waitForEvent('download'),
    compare.getByRole('button', { name: 'PNG of the comparison' }).click(),
  ]);
  await comparePng.saveAs(`${SHOTS}/14-compare-export.png`);
  await compare.getByRole('button', { name: 'Close' }).click();

  // A bad file is refused with the file and the problem named; the list is unchanged.
  await page.getByTestId('snapshot-import-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"schemaVersion": 2, "name": "x"'),
  });
  await expect(page.getByTestId('snapshot-notice')).toContainText(
    /Import refused: broken\.json: is not valid JSON/,
  );
  await page.getByTestId('snapshot-import-input').setInputFiles({
    name: 'sneaky.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      readFileSync(join(server.dataDir, 'snapshots', 'one worker.json'))
        .toString('utf8')
        .replace('"name":"one worker"', '"name":"../escape"'),
    ),
  });
  await expect(page.getByTestId('snapshot-notice')).toContainText(/sneaky\.json: name: /);
  await expect(list.locator('li[data-snapshot]')).toHaveCount(3);

  // An import whose name is taken asks before replacing.
  await page
    .getByTestId('snapshot-import-input')
    .setInputFiles(join(server.dataDir, 'snapshots', 'many workers.json'));
  await expect(list.getByRole('alert')).toContainText(
    'Replace it with many workers.json, or keep both?',
  );
  await list.getByRole('button', { name: 'Cancel import' }).click();
  // Keeping both imports it beside the first, under a free name.
  await page
    .getByTestId('snapshot-import-input')
    .setInputFiles(join(server.dataDir, 'snapshots', 'many workers.json'));
  await list.getByRole('button', { name: 'Keep both' }).click();
  await expect(rowOf(page, 'many workers 2')).toBeVisible();
  await expect(rowOf(page, 'many workers 2')).toContainText('replaced');
  await page.getByRole('button', { name: 'Delete “many workers 2”' }).click();
  await rowOf(page, 'many workers 2').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(list.locator('li[data-snapshot]')).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/15-snapshot-list.png` });

  // Rename, then delete with a confirmation.
  await page.getByRole('button', { name: 'Rename “a sweep”' }).click();
  await page.getByLabel('New name for “a sweep”').fill('sweep on this host');
  await rowOf(page, 'a sweep').getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(rowOf(page, 'sweep on this host')).toBeVisible();
  await page.getByRole('button', { name: 'Delete “sweep on this host”' }).click();
  await expect(rowOf(page, 'sweep on this host').getByRole('alert')).toContainText('Delete');
  await rowOf(page, 'sweep on this host')
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(list.locator('li[data-snapshot]')).toHaveCount(2);
  expect(readdirSync(join(server.dataDir, 'snapshots')).sort()).toEqual([
    'many workers.json',
    'one worker.json',
  ]);
});
