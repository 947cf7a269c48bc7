/**
 * The live readouts on a fresh server (issue 18): a dash until a real measurement exists,
 * never "0.00 ms" for a loop not yet timed, and the engine's start-up stall left out of
 * the engine loop delay.
 */
import { rmSync } from 'node:fs';
import { expect, startServe, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
const DASH = '—';

test('the engine loop delay reads a dash until measured, then leaves start-up out', async ({
  page,
}) => {
  const server = await startServe();
  // The engine exists by now: its start-up began a little before this.
  const readyAtMs = Date.now();
  try {
    // Every text the readout shows, recorded from the first paint on.
    await page.addInitScript(() => {
      const seen: { text: string; atMs: number }[] = [];
      (window as unknown as { engineReadouts: typeof seen }).engineReadouts = seen;
      const watch = (): void => {
        const text = document.querySelector('[data-testid="engine-loop-delay"]')?.textContent;
        if (text && seen.at(-1)?.text !== text) seen.push({ text, atMs: Date.now() });
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await page.goto(server.url);
    const readout = page.getByTestId('engine-loop-delay');
    await expect(readout).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/readouts-first-paint.png` });
    await expect(readout).toHaveText(/\d ms$/, { timeout: 15_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SHOTS}/readouts-measured.png` });
    const seen = await page.evaluate(
      () =>
        (window as unknown as { engineReadouts: { text: string; atMs: number }[] }).engineReadouts,
    );
    const texts = seen.map(({ text, atMs }) => `${text} at ${atMs - readyAtMs} ms`);
    console.log(`engine loop delay readouts: ${texts.join(' | ')}`);
    expect(seen[0]?.text).toBe(DASH);
    expect(seen.map(({ text }) => text)).not.toContain('0.00 ms');
    // Once measured, it never falls back to the dash (the full app replacing the first view
    // used to remount it blank: "– | 70 ms | – | 70 ms").
    const firstReading = seen.findIndex(({ text }) => text !== DASH);
    expect(firstReading).toBeGreaterThan(0);
    expect(seen.slice(firstReading).map(({ text }) => text)).not.toContain(DASH);
  } finally {
    server.process.kill('SIGTERM');
    await new Promise((resolve) => server.process.once('exit', resolve));
    rmSync(server.dataDir, { recursive: true, force: true });
  }
});
