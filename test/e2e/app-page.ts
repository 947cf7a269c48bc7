/** Steps the newer e2e specs share: open the app, choose a small run, save, open views. */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, type ServerInfo } from './fixtures';

/** The host's logical cores: the live view draws one series per core. */
export const CORES = availableParallelism();

/** Opens the app and waits until live samples are drawn and Run can be pressed. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('core-chart')).toHaveAttribute('data-cores', String(CORES));
  await expect(page.getByTestId('run-button')).toBeEnabled();
}

/** A small CPU workload, so a run takes a second or two. */
export async function chooseSmallWorkload(page: Page): Promise<void> {
  await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
  await page.getByLabel('Upper bound (exclusive)').fill('600000');
  await page.getByLabel('Tasks', { exact: true }).fill('24');
}

/** Leaves exactly the given models switched on. */
export async function selectModels(page: Page, wanted: string[]): Promise<void> {
  for (const toggle of await page.getByRole('checkbox').all()) {
    if (await toggle.isDisabled()) continue;
    const model = await toggle.getAttribute('data-model');
    if (model === null) continue;
    await toggle.setChecked(wanted.includes(model));
  }
}

/** Presses Run and waits for the run to end. */
export async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 45_000 });
}

/** Saves the latest run under `name` through the dialog. */
export async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('save-snapshot-button').click();
  const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('snapshot-notice')).toContainText(`Saved “${name}”`);
}

/**
 * Removes the snapshots a spec saved: the server lives for the whole worker, and later
 * specs (snapshots.spec.ts) start from an empty list.
 */
export function removeSnapshots(server: ServerInfo): void {
  rmSync(join(server.dataDir, 'snapshots'), { recursive: true, force: true });
}

/** Opens live mode with exactly `models` switched on. */
export async function openLive(page: Page, url: string, models: string[]): Promise<void> {
  await openApp(page, url);
  await page.getByTestId('mode-live').click();
  await expect(page.getByRole('tab', { name: 'Live' })).toHaveAttribute('aria-selected', 'true');
  const form = page.getByRole('form', { name: 'Live settings' });
  // The form is loaded on first use: its toggles are not there at once.
  await expect(form.locator('[data-model="worker-threads"]')).toBeVisible();
  for (const toggle of await form.getByRole('checkbox').all()) {
    const model = await toggle.getAttribute('data-model');
    if (model === null || (await toggle.isDisabled())) continue;
    await toggle.setChecked(models.includes(model));
  }
}

/** A readout's number ("1,234" → 1234), or NaN while it shows "–". */
export async function readNumber(locator: Locator): Promise<number> {
  return Number((await locator.textContent())?.replaceAll(',', '') ?? 'NaN');
}
