/** The fitted coefficients with their 95% intervals; each figure explains itself on hover. */
import { formatSignificant, formatSpeedup, formatPercent } from '../../shared/format';
import type { Interval, ScalingFit } from '../../shared/stats/scaling';
import { SCALING_GLOSSARY } from '../../shared/stats/scaling-words';

export interface ScalingFiguresProps {
  fit: ScalingFit;
}

/** The glossary's meaning of a symbol, as a figure's tooltip. */
function meaningOf(symbol: string): string {
  return SCALING_GLOSSARY.find((entry) => entry.symbol === symbol)?.meaning ?? '';
}

/** "95%: 0.012 to 0.041". */
function intervalText(interval: Interval | undefined, format: (v: number) => string): string {
  return interval ? `95%: ${format(interval.low)} to ${format(interval.high)}` : '95%: unknown';
}

interface FigureProps {
  label: string;
  value: string;
  detail?: string;
  tooltip: string;
}

/** One figure: its name, value and (smaller) its interval. */
function Figure({ label, value, detail, tooltip }: FigureProps) {
  return (
    <div title={tooltip}>
      <dt>{label}</dt>
      <dd>
        {value}
        {detail && <span className="fit-interval">{detail}</span>}
      </dd>
    </div>
  );
}

/** Nothing for a law that was not fitted: the panel's sentences say why. */
export function ScalingFigures({ fit }: ScalingFiguresProps) {
  const { usl, amdahl } = fit;
  if (!usl && !amdahl) return null;
  const coefficient = (v: number) => formatSignificant(v, 2);
  return (
    <dl className="fit-figures" data-testid="fit-figures">
      {usl && (
        <>
          <Figure
            label="Contention σ (USL)"
            value={coefficient(usl.sigma)}
            detail={intervalText(usl.ci95?.sigma, coefficient)}
            tooltip={meaningOf('σ')}
          />
          <Figure
            label="Coherency κ (USL)"
            value={coefficient(usl.kappa)}
            detail={intervalText(usl.ci95?.kappa, coefficient)}
            tooltip={meaningOf('κ')}
          />
          <Figure
            label="Predicted peak"
            value={
              usl.peakWorkers === null || usl.peakThroughput === null
                ? 'none shown'
                : `≈ ${Math.round(usl.peakWorkers)} workers`
            }
            detail={
              usl.peakWorkers === null || usl.peakThroughput === null
                ? usl.kappa === 0
                  ? 'no coherency cost seen'
                  : 'κ could be 0'
                : `${formatSpeedup(usl.peakThroughput / fit.baselineThroughput)} of one${usl.isPeakGuess ? ', a guess' : ''}`
            }
            tooltip="Where the USL curve tops out, N* = √((1 − σ)/κ); shown only when the data rules out κ = 0."
          />
        </>
      )}
      {amdahl && (
        <Figure
          label="Serial fraction (Amdahl)"
          value={formatPercent(amdahl.serialFraction, 1)}
          detail={intervalText(amdahl.ci95?.serialFraction, (v) => formatPercent(v, 1))}
          tooltip={meaningOf('s')}
        />
      )}
    </dl>
  );
}
