/**
 * Speedup against workers, from a sweep or an imported CSV: the ideal line, the Amdahl and USL
 * fits where the data carries them, the machine's core boundaries, and what it all means.
 */
import { useState } from 'react';
import { formatMs, formatPercent, formatSignificant, formatSpeedup } from '../../shared/format';
import { MODELS } from '../../shared/models';
import type { CoreTopology } from '../../shared/results';
import { sweepObservations, type ScalingFit } from '../../shared/stats/scaling';
import {
  coreBands,
  explainFit,
  explainTopology,
  topologyFacts,
} from '../../shared/stats/scaling-words';
import type { ChartSeries } from '../charts/chart-types';
import { LineChart } from '../charts/LineChart';
import type { SweepView } from '../state/run-state';
import { scalingChartRows, scalingRows, type ImportedScaling } from '../state/scaling-view';
import { ScalingFigures } from './ScalingFigures';
import { ScalingGlossary } from './ScalingGlossary';
import { ScalingImport } from './ScalingImport';

export interface SweepPanelProps {
  sweep: SweepView | null;
  logicalCores: number;
  physicalCores: number;
  /** The machine facts that bend the curve; absent in older snapshots. */
  topology?: CoreTopology;
}

/** Worker-count ticks: every count up to 16, then about a dozen round ones. */
function workerTicks(max: number): number[] {
  const step = max <= 16 ? 1 : Math.ceil(max / 12);
  const ticks: number[] = [];
  for (let n = 1; n <= max; n += n === 1 && step > 1 ? step - 1 : step) ticks.push(n);
  return ticks;
}

/** Before any sweep or import, only the import; then the chart, figures and words. */
export function SweepPanel({ sweep, logicalCores, physicalCores, topology }: SweepPanelProps) {
  const [imported, setImported] = useState<ImportedScaling | null>(null);
  const importer = <ScalingImport onImport={setImported} />;
  if (!sweep && !imported) {
    return (
      <section className="panel sweep-panel" aria-labelledby="sweep-title">
        <header className="panel-header">
          <h2 id="sweep-title">Scaling</h2>
          <p className="panel-subtitle">Run a sweep, or fit measurements from anywhere.</p>
        </header>
        {importer}
      </section>
    );
  }
  const source = imported
    ? {
        title: `Speedup: ${imported.fileName}`,
        color: 'var(--accent)',
        label: imported.fileName,
        observations: imported.observations,
        fit: imported.fit as ScalingFit | null,
        plannedMax: 0,
        // The host's cores say nothing about a file from another machine.
        isThisHost: false,
      }
    : {
        title: `Speedup: ${MODELS[sweep!.model].label}`,
        color: MODELS[sweep!.model].colour,
        label: MODELS[sweep!.model].label,
        observations: sweepObservations(sweep!.measurements),
        fit: sweep!.fit,
        plannedMax: sweep!.maxWorkers,
        isThisHost: true,
      };
  const { fit, observations } = source;
  // Before the fit exists (nothing measured yet) any baseline draws the same empty chart.
  const baseline = fit?.baselineThroughput ?? 1;
  const rows = scalingRows(observations, baseline);
  const maxMeasured = rows.reduce((max, r) => Math.max(max, r.workers), 0);
  const xMax = Math.max(2, source.plannedMax, maxMeasured);
  const bands = source.isThisHost
    ? coreBands(logicalCores, physicalCores, topology)
        .filter((band) => band.from < xMax)
        .map((band) => ({ ...band, to: Math.min(band.to, xMax) }))
    : [];
  const series: ChartSeries[] = [
    { key: 'measured', label: `${source.label} (measured)`, color: source.color },
    { key: 'ideal', label: 'Ideal (N×)', color: 'var(--text-muted)', isDashed: true },
    ...(fit?.amdahl
      ? [{ key: 'amdahl', label: 'Amdahl fit', color: 'var(--series-amdahl)', isDashed: true }]
      : []),
    ...(fit?.usl
      ? [{ key: 'usl', label: 'USL fit', color: 'var(--series-usl)', isDashed: true }]
      : []),
  ];
  const topologySentence = source.isThisHost
    ? explainTopology(maxMeasured, logicalCores, physicalCores, topology)
    : null;
  const sentences = [
    ...(fit ? explainFit(fit) : []),
    ...(topologySentence ? [topologySentence] : []),
  ];
  const facts = source.isThisHost ? topologyFacts(topology) : [];

  return (
    <section
      className="panel sweep-panel"
      aria-labelledby="sweep-title"
      data-testid="speedup-chart"
    >
      <header className="panel-header">
        <h2 id="sweep-title">{source.title}</h2>
        <p className="panel-subtitle">
          {imported
            ? `${observations.length} observations at ${rows.length} worker counts, imported`
            : `1 to ${sweep!.maxWorkers} workers · this host has ${logicalCores} logical / ${physicalCores} physical cores`}
          {facts.length > 0 && ` · ${facts.join(' · ')}`}
        </p>
      </header>
      {sentences.length > 0 && (
        <ul className="sweep-sentence" data-testid="sweep-explanation">
          {sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
      <div className="sweep-body">
        <LineChart
          data={scalingChartRows(rows, fit, baseline, xMax)}
          index="workers"
          series={series}
          bands={bands}
          valueFormatter={(v) => formatSpeedup(v)}
          xFormatter={(v) => String(Math.round(v * 100) / 100)}
          xTicks={workerTicks(xMax)}
          xLabel="workers"
          yLabel="speedup"
          ariaLabel={`Speedup of ${source.label} against worker count, with the ideal line and the fits the data carries`}
          emptyText="The first worker count is being measured…"
          height={280}
        />
        <div className="sweep-side">
          {fit && <ScalingFigures fit={fit} />}
          <table className="points-table">
            <caption className="visually-hidden">Measurements per worker count</caption>
            <thead>
              <tr>
                <th scope="col" className="num" title="Workers">
                  N
                </th>
                <th
                  scope="col"
                  className="num"
                  title={imported ? 'Mean throughput, in the file’s unit' : 'Wall time'}
                >
                  {imported ? 'Thru.' : 'Wall'}
                </th>
                <th scope="col" className="num" title="Throughput ÷ throughput of one worker">
                  Speedup
                </th>
                <th scope="col" className="num" title="Efficiency: speedup ÷ N">
                  Eff.
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.workers}>
                  <td className="num">{row.workers}</td>
                  <td className="num">
                    {imported
                      ? formatSignificant(row.throughput, 3)
                      : formatMs(1000 / row.throughput)}
                  </td>
                  <td className="num">{formatSpeedup(row.speedup)}</td>
                  <td className="num">{formatPercent(row.efficiency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {imported && (
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => setImported(null)}
            >
              {sweep ? 'Back to the sweep' : 'Close the import'}
            </button>
          )}
        </div>
      </div>
      <details className="scaling-glossary">
        <summary>What σ, κ and the serial fraction mean</summary>
        <ScalingGlossary />
      </details>
      {importer}
    </section>
  );
}
