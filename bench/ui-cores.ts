/**
 * The per-core live view's cost on the renderer's main thread, in real Chromium: the page
 * in #bench-cores mode is fed a synthetic N-core stream at 10 Hz while a PerformanceObserver
 * records long tasks (tasks over 50 ms, by the Long Tasks API's definition). Goal at 64
 * cores: under 10% of the main thread in long tasks and no long task at all.
 */
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/e2e/chromium';
import { serve } from './browser-mode';

/** Which per-core view the page renders: Corelab's, or the naive recharts baseline. */
export type CoresView = 'corelab' | 'naive-recharts';

export interface UiCoresResult {
  view: CoresView;
  cores: number;
  /** Share of the main thread spent in tasks of any length (Chromium's TaskDuration). */
  busyFraction: number;
  durationMs: number;
  longTaskFraction: number;
  longTaskCount: number;
  maxLongTaskMs: number;
  samplesShown: number;
  samplesExpected: number;
  meanFrameMs: number;
}

/** Measures the live view at `cores` for `durationMs`. */
export async function measureUiCores(
  view: CoresView,
  cores: number,
  durationMs: number,
): Promise<UiCoresResult> {
  const server = await serve();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[]; __frames: number[] };
      w.__long = [];
      w.__frames = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__long.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      let last = performance.now();
      const frame = (now: number): void => {
        w.__frames.push(now - last);
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const url = new URL(server.url);
    url.searchParams.set('cores', String(cores));
    url.hash = view === 'corelab' ? 'bench-cores' : 'bench-cores-naive';
    await page.goto(url.href);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    };
    // Let the first 60 s window fill partly and the page settle before measuring.
    await page.waitForTimeout(2000);
    const before = await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __frames: number[] };
      w.__long.length = 0;
      w.__frames.length = 0;
      return Number(
        document.querySelector<HTMLElement>('[data-testid=core-chart]')?.dataset.samples ?? 0,
      );
    });
    const tasksBefore = await taskSeconds();
    await page.waitForTimeout(durationMs);
    const busySeconds = (await taskSeconds()) - tasksBefore;
    const measured = await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __frames: number[] };
      return {
        long: [...w.__long],
        frames: [...w.__frames],
        samples: Number(
          document.querySelector<HTMLElement>('[data-testid=core-chart]')?.dataset.samples ?? 0,
        ),
      };
    });
    const longTotal = measured.long.reduce((a, b) => a + b, 0);
    return {
      view,
      cores,
      busyFraction: (busySeconds * 1000) / durationMs,
      durationMs,
      longTaskFraction: longTotal / durationMs,
      longTaskCount: measured.long.length,
      maxLongTaskMs: Math.max(0, ...measured.long),
      samplesShown: measured.samples - before,
      samplesExpected: Math.round((durationMs / 1000) * 10),
      meanFrameMs: measured.frames.reduce((a, b) => a + b, 0) / Math.max(measured.frames.length, 1),
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
