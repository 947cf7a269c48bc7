/**
 * Live mode in real Chromium against real browser mode: start a live run at one worker,
 * move the slider to two by keyboard and watch throughput and cores busy rise within 2 s;
 * stop it, save it as a snapshot and reopen it.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveModelResult } from '../../src/shared/live/live-schema';
import { CORES, openLive, readNumber, removeSnapshots } from './app-page';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

test.afterEach(({ server }) => removeSnapshots(server));

/** The one saved live snapshot's result for `model`, read from the server's data folder. */
function savedLiveModel(dataDir: string, model: string): LiveModelResult {
  const folder = join(dataDir, 'snapshots');
  const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const found: LiveModelResult[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.model === model && Array.isArray(record.resizes)) {
        found.push(record as unknown as LiveModelResult);
      } else Object.values(record).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(join(folder, files[0]!), 'utf8')));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/**
 * One engine model and one the page hosts (Web Workers): the page's run goes through the
 * same live loop, so it is held to the same words, the same 2 s and the same checks.
 */
const RESIZED = [
  { model: 'worker-threads', shots: ['20-live-running', '21-live-stopped', '22-live-snapshot'] },
  { model: 'web-workers', shots: ['25-live-web-workers', '26-live-web-workers-stopped', null] },
] as const;

for (const { model, shots } of RESIZED) {
  test(`a ${model} slider moved by keyboard in a live run raises throughput and cores busy within 2 s`, async ({
    page,
    server,
  }) => {
    test.setTimeout(90_000);
    await openLive(page, server.url, [model]);
    const slider = page.getByTestId(`live-worker-slider-${model}`);
    await expect(slider).toHaveAttribute('aria-valuetext', '1 worker');
    await page.getByTestId('live-start').click();

    const throughput = page.getByTestId(`live-throughput-${model}`);
    const coresBusy = page.getByTestId('cores-busy');
    const card = page.getByTestId(`live-model-${model}`);
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
    const rateRiseMs = await riseMs(`live-throughput-${model}`, 1.2 * oneWorkerRate);
    // Cores busy counts every process. On a machine already saturated by other work there is
    // no core left to light up, and a new thread waits its turn to start: there the 2 s goal
    // cannot be asked for, only that throughput rises at all (within riseMs's 10 s).
    const hasHeadroom = CORES - oneWorkerBusy >= 0.6;
    const busyRiseMs = hasHeadroom ? await riseMs('cores-busy', oneWorkerBusy + 0.4) : null;
    const figures = {
      type: `live resize (${model})`,
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
    await expect(page.getByTestId(`live-workers-${model}`)).toHaveText('2');
    await expect(card.getByRole('figure', { name: /throughput against workers/ })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${shots[0]}.png`, fullPage: true });

    await page.getByTestId('live-stop').click();
    await expect(page.getByTestId('status')).toContainText(/^Stopped/, { timeout: 15_000 });
    await expect(page.getByTestId(`live-checksum-${model}`)).toContainText('every checksum exact');
    await expect(page.getByTestId('live-start')).toBeEnabled();
    await page.screenshot({ path: `${SHOTS}/${shots[1]}.png`, fullPage: true });

    // Saved and reopened: the step series, the resize and the scaling plot come back.
    const name = `live e2e ${model}`;
    await page.getByTestId('save-snapshot-button').click();
    const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
    await expect(dialog).toContainText('live run');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
    // The saved result: every task checked, and how long the grow took to reach a task.
    const saved = savedLiveModel(server.dataDir, model);
    expect(saved.checksumVerified).toBe(true);
    expect(saved.checksumNote).toMatch(/^[\d,]+ of [\d,]+ tasks checked .*: all matched/);
    const [grow] = saved.resizes;
    expect(grow).toMatchObject({ from: 1, to: 2 });
    const tookMs = grow!.firstTaskAtMs! - grow!.atMs;
    test.info().annotations.push({
      type: `live resize (${model})`,
      description: `1→2: first task on the new worker ${tookMs.toFixed(1)} ms after the ask`,
    });
    console.log(
      `${model}: 1→2, first task on the new worker ${tookMs.toFixed(1)} ms after the ask`,
    );
    await page.getByTestId('mode-compare').click();
    const row = page.getByTestId('snapshot-list').locator(`li[data-snapshot="${name}"]`);
    await expect(row).toContainText('Live');
    await page.getByRole('button', { name: `Open “${name}”` }).click();
    const view = page.getByTestId('snapshot-view');
    await expect(view).toContainText('A live run');
    const reopened = view.getByTestId(`live-model-${model}`);
    await expect(reopened.getByRole('figure', { name: /worker count over time/ })).toBeVisible();
    await expect(
      reopened.getByRole('figure', { name: /throughput against workers/ }),
    ).toBeVisible();
    await expect(reopened).toContainText('every checksum exact');
    await expect(reopened.getByTestId(`live-steps-${model}`)).toContainText('2 workers');
    // Which model ran on each core was saved too where the engine reads the threads (Linux).
    if (model === 'worker-threads' && process.platform === 'linux') {
      const occupancy = view.getByTestId('core-occupancy');
      await expect(occupancy.locator('tbody tr')).toHaveCount(CORES);
      await expect(occupancy).toContainText(/Worker threads \d+%/);
    }
    if (shots[2]) await page.screenshot({ path: `${SHOTS}/${shots[2]}.png`, fullPage: true });
  });
}

test('the renderer main thread runs live beside an engine model: resized, resized tasks, stopped', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000);
  await openLive(page, server.url, ['renderer-main', 'worker-threads']);
  await page.getByTestId('live-start').click();
  for (const model of ['renderer-main', 'worker-threads']) {
    await expect
      .poll(
        async () =>
          Number(await page.getByTestId(`live-model-${model}`).getAttribute('data-samples')),
        { timeout: 20_000 },
      )
      .toBeGreaterThanOrEqual(4);
  }
  // Its tasks run on this thread, one macrotask each: frames are still drawn between them. How
  // often is the machine's to say (the page's own charts take long frames on a loaded one);
  // a loop that never yielded would let none through while it ran.
  const frames = await page.evaluate(
    () =>
      new Promise<{ count: number; longestGapMs: number }>((resolve) => {
        let last = performance.now();
        const end = last + 2000;
        let count = 0;
        let longestGapMs = 0;
        const tick = (at: number): void => {
          count++;
          longestGapMs = Math.max(longestGapMs, at - last);
          last = at;
          if (at < end) requestAnimationFrame(tick);
          else resolve({ count, longestGapMs });
        };
        requestAnimationFrame(tick);
      }),
  );
  console.log(
    `renderer-main live at 1 ms tasks: ${frames.count} frames in 2 s, longest gap ${Math.round(frames.longestGapMs)} ms`,
  );
  expect(frames.count).toBeGreaterThanOrEqual(4);

  const slider = page.getByTestId('live-worker-slider-renderer-main');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('live-workers-renderer-main')).toHaveText('2', { timeout: 5_000 });
  await page.getByTestId('live-task-size').focus();
  await page.keyboard.press('ArrowRight'); // 1 ms → 2 ms
  await expect(page.getByTestId('live-task-size')).toHaveAttribute('aria-valuetext', '2 ms');
  // A sample at the new size, so the run's steps hold both sizes.
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${SHOTS}/27-live-renderer-main.png`, fullPage: true });

  await page.getByTestId('live-stop').click();
  await expect(page.getByTestId('status')).toContainText(/^Stopped/, { timeout: 15_000 });
  for (const model of ['renderer-main', 'worker-threads']) {
    await expect(page.getByTestId(`live-checksum-${model}`)).toContainText('every checksum exact');
  }
  // One change, said once, though the page's and the engine's parts each keep their own clock.
  await expect(page.getByTestId('live-task-sizes')).toHaveText(
    /^Task sizes: 1 ms from [\d.]+ s, 2 ms from [\d.]+ s$/,
  );
  const steps = page.getByTestId('live-steps-renderer-main');
  await expect(steps).toContainText('1 ms');
  await expect(steps).toContainText('2 ms');
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
