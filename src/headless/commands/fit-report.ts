/** The scaling fits as the CLI prints them: coefficients with 95% intervals, then the words. */
import { formatSignificant } from '../../shared/format';
import type { Interval, ScalingFit } from '../../shared/stats/scaling';
import { explainFit } from '../../shared/stats/scaling-words';
import { renderTable } from '../tty';

/** A coefficient and its interval: "0.028 (0.0024 to 0.053)". */
function withInterval(value: number, interval: Interval | undefined): string {
  const text = formatSignificant(value, 3);
  return interval
    ? `${text} (${formatSignificant(interval.low, 2)} to ${formatSignificant(interval.high, 2)})`
    : text;
}

/** A table of the fitted coefficients (with 95% intervals), then one sentence per line. */
export function renderFitReport(fit: ScalingFit): string {
  const rows: string[][] = [];
  const { usl, amdahl } = fit;
  if (usl) {
    rows.push(
      ['USL', 'contention σ', withInterval(usl.sigma, usl.ci95?.sigma)],
      ['', 'coherency κ', withInterval(usl.kappa, usl.ci95?.kappa)],
      ['', 'throughput of one γ', withInterval(usl.gamma, usl.ci95?.gamma)],
      [
        '',
        'peak',
        usl.peakWorkers === null || usl.peakThroughput === null
          ? 'none shown by the data'
          : `${formatSignificant(usl.peakWorkers, 3)} workers, throughput ` +
            `${formatSignificant(usl.peakThroughput, 3)}${usl.isPeakGuess ? ' (a guess)' : ''}`,
      ],
    );
  }
  if (amdahl) {
    rows.push(
      [
        'Amdahl',
        'serial fraction s',
        withInterval(amdahl.serialFraction, amdahl.ci95?.serialFraction),
      ],
      ['', 'throughput of one γ', withInterval(amdahl.gamma, amdahl.ci95?.gamma)],
      [
        '',
        'asymptote γ/s',
        amdahl.asymptoteThroughput === null
          ? 'none (no serial part seen)'
          : formatSignificant(amdahl.asymptoteThroughput, 3),
      ],
    );
  }
  const table =
    rows.length > 0 ? `${renderTable(['law', 'coefficient', 'fit (95% interval)'], rows)}\n\n` : '';
  const seen = `${fit.observations} observations at ${fit.distinctWorkers} worker counts (up to ${fit.maxWorkers})\n\n`;
  return `${seen}${table}${explainFit(fit).join('\n')}\n`;
}
