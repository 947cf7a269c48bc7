/** A sweep's speedup against workers, with the ideal line, the fits and what they mean. */
import { memo } from 'react';
import { formatMs, formatPercent, formatSignificant, formatSpeedup } from '../../shared/format';
import { MODELS } from '../../shared/models';
import { amdahlSpeedup, explainFit, uslSpeedup } from '../../shared/stats/scaling';
import type { ChartRow, ChartSeries } from '../charts/chart-types';
import { LineChart } from '../charts/LineChart';
import { MODEL_COLORS } from '../charts/model-colors';
import type { SweepView } from '../state/run-state';

export interface SweepPanelProps {
  sweep: SweepView | null;
  logicalCores: number;
  physicalCores: number;
}

/** Curve samples per worker step, so the fitted curves look smooth between points. */
const STEPS_PER_WORKER = 4;

/** Worker-count ticks: every count up to 16, then about a dozen round ones. */
function workerTicks(max: number): number[] {
  const step = max <= 16 ? 1 : Math.ceil(max / 12);
  const ticks: number[] = [];
  for (let n = 1; n <= max; n += n === 1 && step > 1 ? step - 1 : step) ticks.push(n);
  return ticks;
}

/** Nothing before the first sweep. */
export const SweepPanel = memo(function SweepPanel({
  sweep,
  logicalCores,
  physicalCores,
}: SweepPanelProps) {
  if (!sweep) return null;
  const { points, fit } = sweep;
  const maxMeasured = points.reduce((max, p) => Math.max(max, p.workers), 0);
  const xMax = Math.max(2, sweep.maxWorkers, maxMeasured);
  const rows: ChartRow[] = [];
  for (let i = 0; i <= (xMax - 1) * STEPS_PER_WORKER; i++) {
    const n = 1 + i / STEPS_PER_WORKER;
    const measured = Number.isInteger(n) ? points.find((p) => p.workers === n) : undefined;
    rows.push({
      workers: n,
      measured: measured ? measured.speedup : null,
      ideal: n,
      amdahl: fit ? amdahlSpeedup(fit.amdahl.serialFraction, n) : null,
      usl: fit ? uslSpeedup(fit.usl.sigma, fit.usl.kappa, n) : null,
    });
  }
  const label = MODELS[sweep.model].label;
  const series: ChartSeries[] = [
    { key: 'measured', label: `${label} (measured)`, color: MODEL_COLORS[sweep.model] },
    { key: 'ideal', label: 'Ideal (N×)', color: 'var(--text-muted)', isDashed: true },
    ...(fit
      ? [
          { key: 'amdahl', label: 'Amdahl fit', color: 'var(--series-amdahl)', isDashed: true },
          { key: 'usl', label: 'USL fit', color: 'var(--series-usl)', isDashed: true },
        ]
      : []),
  ];
  const sentence = fit && maxMeasured >= 2 ? explainFit(fit, maxMeasured) : null;

  return (
    <section
      className="panel sweep-panel"
      aria-labelledby="sweep-title"
      data-testid="speedup-chart"
    >
      <header className="panel-header">
        <h2 id="sweep-title">Speedup: {label}</h2>
        <p className="panel-subtitle">
          1 to {sweep.maxWorkers} workers · this host has {logicalCores} logical / {physicalCores}{' '}
          physical cores
        </p>
      </header>
      {sentence && (
        <p className="sweep-sentence" data-testid="sweep-explanation">
          {sentence}
        </p>
      )}
      <div className="sweep-body">
        <LineChart
          data={rows}
          index="workers"
          series={series}
          valueFormatter={(v) => formatSpeedup(v)}
          xFormatter={(v) => String(Math.round(v * 100) / 100)}
          xTicks={workerTicks(xMax)}
          xLabel="workers"
          yLabel="speedup"
          ariaLabel={`Speedup of ${label} against worker count, with the ideal line and the Amdahl and USL fits`}
          emptyText="The first worker count is being measured…"
          height={280}
        />
        <div className="sweep-side">
          {fit && (
            <dl className="fit-figures">
              <div>
                <dt>Serial fraction (Amdahl)</dt>
                <dd>{formatPercent(fit.amdahl.serialFraction, 1)}</dd>
              </div>
              <div>
                <dt>Contention σ (USL)</dt>
                <dd>{formatSignificant(fit.usl.sigma)}</dd>
              </div>
              <div>
                <dt>Coherency κ (USL)</dt>
                <dd>{formatSignificant(fit.usl.kappa)}</dd>
              </div>
              <div>
                <dt>Predicted peak</dt>
                <dd>
                  {fit.usl.peakWorkers !== null
                    ? `≈ ${Math.round(fit.usl.peakWorkers)} workers`
                    : fit.usl.sigma >= 1
                      ? 'none (no speedup)'
                      : 'none (keeps rising)'}
                </dd>
              </div>
            </dl>
          )}
          <table className="points-table">
            <caption className="visually-hidden">Sweep measurements</caption>
            <thead>
              <tr>
                <th scope="col" className="num" title="Workers">
                  N
                </th>
                <th scope="col" className="num" title="Wall time">
                  Wall
                </th>
                <th scope="col" className="num">
                  Speedup
                </th>
                <th scope="col" className="num" title="Efficiency: speedup ÷ N">
                  Eff.
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.workers}>
                  <td className="num">{p.workers}</td>
                  <td className="num">{formatMs(p.wallMs)}</td>
                  <td className="num">{formatSpeedup(p.speedup)}</td>
                  <td className="num">{formatPercent(p.efficiency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
});
