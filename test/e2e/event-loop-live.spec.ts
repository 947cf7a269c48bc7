/**
 * The event-loop model computes on a thread of its own, so browser mode's server keeps
 * streaming core samples during its run: the live core chart goes on moving at the sampler's
 * rate (10 Hz) while each CPU-bound task holds the model's one loop for about a second.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { expect, test } from './fixtures';

/** The sampler's rate in browser mode (corelab serve's default). */
const SAMPLER_HZ = 10;
const WATCH_MS = 3_000;
mkdirSync('test-results/screenshots', { recursive: true });

test('the live core chart keeps its rate during an event-loop run', async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.goto(server.url);
  const chart = page.getByTestId('core-chart');
  await expect(chart).toHaveAttribute('data-cores', String(availableParallelism()));
  await page.getByLabel('Workload', { exact: true }).selectOption('cpu.primes');
  // Six tasks of 5 M numbers each: about a second per task on this machine, one at a time
  // (at 15 M the whole run took 3.0 s, as long as the watch, and once ended inside it).
  await page.getByLabel('Upper bound (exclusive)').fill('30000000');
  await page.getByLabel('Tasks', { exact: true }).fill('6');
  for (const toggle of await page.getByRole('checkbox').all()) {
    const model = await toggle.getAttribute('data-model');
    if (model !== null && !(await toggle.isDisabled())) {
      await toggle.setChecked(model === 'event-loop');
    }
  }
  await page.getByTestId('worker-slider-event-loop').fill('1');
  // The chart's full rate: quiet-while-measuring would redraw once a second by design.
  await page.getByTestId('quiet-while-measuring').setChecked(false);
  await page.getByTestId('run-button').click();
  const running = page.locator('.progress-running[data-model="event-loop"]');
  await expect(running).toBeVisible({ timeout: 60_000 });

  // Every time the chart draws new samples, when, and how many it has drawn in all.
  const draws = await chart.evaluate(async (element, watchMs) => {
    const seen: { atMs: number; samples: number }[] = [];
    const observer = new MutationObserver(() =>
      seen.push({ atMs: performance.now(), samples: Number(element.dataset.samples) }),
    );
    observer.observe(element, { attributes: true, attributeFilter: ['data-samples'] });
    await new Promise((resolve) => setTimeout(resolve, watchMs));
    observer.disconnect();
    return seen;
  }, WATCH_MS);
  // The whole window fell inside the model's run.
  await expect(running).toBeVisible();

  const drawn = draws.at(-1)!.samples - draws[0]!.samples;
  const gaps = draws.slice(1).map((draw, i) => draw.atMs - draws[i]!.atMs);
  console.log(
    `event-loop run: ${drawn} samples drawn in ${WATCH_MS} ms, longest gap ${Math.round(Math.max(...gaps))} ms`,
  );
  // Half the nominal rate leaves room for a loaded machine; a stalled server delivers
  // nothing for a whole task (about a second) and then a burst.
  expect(drawn).toBeGreaterThanOrEqual((SAMPLER_HZ * WATCH_MS) / 1000 / 2);
  expect(Math.max(...gaps)).toBeLessThan(500);
  await page.screenshot({ path: 'test-results/screenshots/event-loop-live.png', fullPage: true });
  await page.getByTestId('stop-button').click();
});
