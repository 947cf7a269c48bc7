/** `npm run bench:ui`: the live core view's main-thread cost at several core counts. */
import { formatMs, formatPercent } from '../src/shared/format';
import { renderTable } from '../src/headless/tty';
import { measureUiCores, type UiCoresResult } from './ui-cores';

const results: UiCoresResult[] = [];
for (const cores of [2, 16, 64, 128]) results.push(await measureUiCores(cores, 10_000));
process.stdout.write(
  `Live core view, synthetic stream at 10 Hz, 10 s each (goal at 64 cores: < 10% in long tasks, none > 50 ms)\n${renderTable(
    ['cores', 'long tasks', 'count', 'longest', 'samples shown', 'mean frame'],
    results.map((r) => [
      String(r.cores),
      formatPercent(r.longTaskFraction),
      String(r.longTaskCount),
      formatMs(r.maxLongTaskMs),
      `${r.samplesShown}/${r.samplesExpected}`,
      formatMs(r.meanFrameMs),
    ]),
  )}\n${JSON.stringify(results)}\n`,
);
