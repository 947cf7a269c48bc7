/**
 * `npm run bench:ui`: the live core view's main-thread cost at several core counts, side by
 * side with the naive recharts design (one Line per core) in the same browser and run.
 */
import { formatMs, formatPercent } from '../src/shared/format';
import { renderTable } from '../src/headless/tty';
import { measureUiCores, type UiCoresResult } from './ui-cores';

const results: UiCoresResult[] = [];
for (const cores of [2, 16, 64, 128]) {
  for (const view of ['corelab', 'naive-recharts'] as const) {
    results.push(await measureUiCores(view, cores, 10_000));
  }
}
process.stdout.write(
  `Live core view, synthetic stream at 10 Hz, 10 s each (goal at 64 cores: < 10% in long tasks, none over 50 ms)\n${renderTable(
    [
      'view',
      'cores',
      'main thread busy',
      'in long tasks',
      'long tasks',
      'longest',
      'samples drawn',
      'mean frame',
    ],
    results.map((r) => [
      r.view,
      String(r.cores),
      formatPercent(r.busyFraction, 1),
      formatPercent(r.longTaskFraction, 1),
      String(r.longTaskCount),
      formatMs(r.maxLongTaskMs),
      `${r.samplesShown}/${r.samplesExpected}`,
      formatMs(r.meanFrameMs),
    ]),
  )}\n`,
);
