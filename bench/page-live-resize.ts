/**
 * `npm run bench:page-live`: how soon a grow of the page's Web Worker pool takes effect in a
 * live run (issue 16), from the slider's move to the first task on the new worker, as the
 * run itself records it (each resize's atMs → firstTaskAtMs, read back from its snapshot).
 * Ten 1→2 grows by keyboard (a warm spare waits for each), then one 1→3 in a single move,
 * whose second new worker starts cold. Goal: a 1→2 grow within 100 ms.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { formatMs } from '../src/shared/format';
import type { LiveResize } from '../src/shared/live/live-schema';
import { snapshotSchema } from '../src/shared/snapshot';
import { percentile } from '../src/shared/stats/percentiles';
import { renderTable } from '../src/headless/tty';
import { chromiumLaunchOptions } from '../test/e2e/chromium';
import { serve } from './browser-mode';

const GROWS = 10;
const SETTLE_MS = 1000;
const MODEL = 'web-workers';

// The run is saved to read its resizes back: into a folder of its own, removed at the end.
const dataDir = mkdtempSync(join(tmpdir(), 'corelab-bench-'));
process.env.CORELAB_DATA_DIR = dataDir;
const server = await serve();
const browser = await chromium.launch(chromiumLaunchOptions());
let resizes: LiveResize[];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.getByTestId('mode-live').click();
  const form = page.getByRole('form', { name: 'Live settings' });
  await form.locator(`[data-model="${MODEL}"]`).waitFor();
  for (const toggle of await form.getByRole('checkbox').all()) {
    const model = await toggle.getAttribute('data-model');
    if (model !== null && !(await toggle.isDisabled())) await toggle.setChecked(model === MODEL);
  }
  await page.getByTestId('live-start').click();
  const card = page.getByTestId(`live-model-${MODEL}`);
  await page.waitForFunction(
    (id) =>
      Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-samples')) >= 4,
    `live-model-${MODEL}`,
    { timeout: 30_000 },
  );
  const slider = page.getByTestId(`live-worker-slider-${MODEL}`);
  for (let i = 0; i < GROWS; i++) {
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(SETTLE_MS);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(SETTLE_MS);
  }
  await slider.fill('3');
  await page.waitForTimeout(SETTLE_MS);
  await page.getByTestId('live-stop').click();
  await card.getByText('every checksum exact').waitFor({ timeout: 30_000 });
  await page.getByTestId('save-snapshot-button').click();
  const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
  await dialog.getByLabel('Name').fill('page live resize bench');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const folder = join(dataDir, 'snapshots');
  const [file] = readdirSync(folder).filter((f) => f.endsWith('.json'));
  const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(join(folder, file!), 'utf8')));
  if (snapshot.kind !== 'live') throw new Error(`saved a ${snapshot.kind}, not a live run`);
  resizes = snapshot.live.models.find((m) => m.model === MODEL)!.resizes;
} finally {
  await browser.close();
  server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const took = (r: LiveResize): number | null =>
  r.firstTaskAtMs === null ? null : r.firstTaskAtMs - r.atMs;
const grows = resizes.filter((r) => r.to > r.from);
process.stdout.write(
  `Web Workers in a live run: slider move → first task on the new worker(s)\n${renderTable(
    ['resize', 'asked at', 'took effect after'],
    grows.map((r) => {
      const ms = took(r);
      return [`${r.from}→${r.to}`, formatMs(r.atMs), ms === null ? 'never' : formatMs(ms)];
    }),
  )}\n`,
);
const warm = grows
  .filter((r) => r.from === 1 && r.to === 2)
  .map(took)
  .filter((ms): ms is number => ms !== null)
  .sort((a, b) => a - b);
if (warm.length === 0) throw new Error('no 1→2 grow took effect');
process.stdout.write(
  `1→2 (${warm.length} grows): median ${formatMs(percentile(warm, 50))}, max ${formatMs(
    warm.at(-1)!,
  )}; goal ≤ 100 ms. Other load on this machine skews these.\n`,
);
