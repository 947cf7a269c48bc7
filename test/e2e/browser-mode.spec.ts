/**
 * The main flows of the Corelab window, in real Chromium against real browser mode
 * (`corelab serve`): live cores, sliders, runs, stop, sweeps, hostile frames.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import WebSocket from 'ws';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });
const cores = availableParallelism();

/** Opens the app and waits until live samples are being drawn. */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('core-chart')).toHaveAttribute('data-cores', String(cores));
  await expect(page.getByTestId('run-button')).toBeEnabled();
}

/** Picks a workload and sets its first size parameter and the task count. */
async function chooseWorkload(
  page: Page,
  workload: string,
  tasks: number,
  size?: [string, number],
): Promise<void> {
  await page.getByLabel('Workload', { exact: true }).selectOption(workload);
  if (size) await page.getByLabel(size[0]).fill(String(size[1]));
  await page.getByLabel('Tasks', { exact: true }).fill(String(tasks));
}

/** Leaves exactly the given models switched on. */
async function selectModels(page: Page, wanted: string[]): Promise<void> {
  for (const toggle of await page.getByRole('checkbox').all()) {
    if (await toggle.isDisabled()) continue;
    const model = await toggle.getAttribute('data-model');
    if (model === null) continue;
    await toggle.setChecked(wanted.includes(model));
  }
}

test('the page shows one live series per logical core', async ({ page, server }) => {
  await openApp(page, server.url);
  // The strip keeps drawing: the sample counter moves.
  const samples = page.getByTestId('core-chart');
  const first = Number(await samples.getAttribute('data-samples'));
  await expect
    .poll(async () => Number(await samples.getAttribute('data-samples')))
    .toBeGreaterThan(first + 3);
  await page.screenshot({ path: `${SHOTS}/01-idle.png`, fullPage: true });
});

test('a slider changes a worker count, by keyboard too', async ({ page, server }) => {
  await openApp(page, server.url);
  const slider = page.getByTestId('worker-slider-worker-threads');
  await expect(slider).toHaveValue(String(cores));
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue(String(cores + 1));
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('1');
});

test('Run with three models completes with a verified row each', async ({ page, server }) => {
  await openApp(page, server.url);
  await chooseWorkload(page, 'cpu.primes', 40, ['Upper bound (exclusive)', 2_000_000]);
  await selectModels(page, ['event-loop', 'worker-threads', 'child-process']);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 45_000 });
  const rows = page.getByTestId('results-table').locator('tbody tr[data-model]');
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('worker-timeline')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/02-results.png`, fullPage: true });
});

test('Stop cancels a long run within a second and says so', async ({ page, server }) => {
  await openApp(page, server.url);
  await chooseWorkload(page, 'cpu.primes', 2000, ['Upper bound (exclusive)', 100_000_000]);
  await selectModels(page, ['worker-threads']);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('stop-button')).toBeEnabled({ timeout: 20_000 });
  // Wait until workers are really computing, then stop.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/03-running.png`, fullPage: true });
  const stoppedAt = Date.now();
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('status')).toContainText(/cancel/i, { timeout: 5000 });
  expect(Date.now() - stoppedAt).toBeLessThan(1000 + 500 /* page round trip */);
  await expect(page.getByTestId('run-button')).toBeEnabled();
});

test('Sweep draws the speedup chart with the fitted laws', async ({ page, server }) => {
  await openApp(page, server.url);
  await chooseWorkload(page, 'cpu.primes', 40, ['Upper bound (exclusive)', 2_000_000]);
  await page.getByTestId('sweep-button').click();
  await expect(page.getByTestId('speedup-chart')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sweep-explanation')).toContainText(/serial|speedup|scal/i);
  await page.screenshot({ path: `${SHOTS}/04-sweep.png`, fullPage: true });
});

test('a malformed WebSocket message is refused and the page keeps working', async ({
  page,
  server,
}) => {
  await openApp(page, server.url);
  const socketUrl = `${server.origin.replace('http', 'ws')}/lab?token=${server.token}`;
  const replies = await new Promise<string[]>((resolve, reject) => {
    const ws = new WebSocket(socketUrl, { origin: server.origin });
    const got: string[] = [];
    ws.on('open', () => {
      ws.send('{not json');
      ws.send(
        JSON.stringify({
          type: 'request',
          id: 7,
          method: 'startRun',
          args: [{ workload: 'cpu.primes', models: [{ model: 'worker-threads', workers: -3 }] }],
        }),
      );
      ws.send(JSON.stringify({ type: 'request', id: 8, method: '__proto__', args: [] }));
    });
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.includes('"reply"')) got.push(text);
      if (got.length === 3) {
        ws.close();
        resolve(got);
      }
    });
    ws.on('error', reject);
  });
  for (const reply of replies) expect(reply).toMatch(/"ok":false/);
  expect(replies.join('\n')).toMatch(/invalid-argument/);
  // The page is still live and can still run.
  await chooseWorkload(page, 'io.sleep', 8);
  await selectModels(page, ['event-loop']);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toContainText(/complete/i, { timeout: 30_000 });
});
