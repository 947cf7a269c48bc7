/**
 * Two or more snapshots side by side: each one's machine, throughput per model per snapshot
 * as grouped bars, the speedup curves of the sweeps overlaid, and the differences in words.
 */
import { useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../shared/errors';
import { formatCount, formatRate, formatSpeedup } from '../../shared/format';
import { MODELS, describeWorkers } from '../../shared/models';
import type { Snapshot } from '../../shared/snapshot';
import { compareSnapshots } from '../../shared/snapshot-compare';
import { BarChart } from '../charts/BarChart';
import { elementToPng } from '../charts/export-png';
import { LineChart } from '../charts/LineChart';
import { downloadBlob } from '../download';
import { snapshotColor, speedupOverlay, throughputBars } from '../state/snapshot-view';
import { liveScalingOverlay } from '../live/live-snapshot';
import { SnapshotHostCard } from './SnapshotHostCard';
import { surfaceColor } from './SnapshotView';

export interface CompareViewProps {
  snapshots: readonly Snapshot[];
  onClose: () => void;
}

/** The comparison of `snapshots`, the first being the baseline (A). */
export function CompareView({ snapshots, onClose }: CompareViewProps) {
  const ref = useRef<HTMLElement>(null);
  const [pngError, setPngError] = useState<string | null>(null);
  const comparison = useMemo(() => compareSnapshots(snapshots), [snapshots]);
  const labels = comparison.snapshots.map((s) => s.label);
  const bars = throughputBars(comparison);
  const overlay = speedupOverlay(snapshots, labels);
  const ticks = [...new Set(overlay.rows.map((row) => Number(row.workers)))];
  const live = liveScalingOverlay(snapshots, labels);
  // Live snapshots have no finished runs: their figures are steps, drawn as scaling curves.
  const hasRunResults = comparison.rows.length > 0;

  const exportPng = async (): Promise<void> => {
    if (!ref.current) return;
    try {
      const name = `compare ${comparison.snapshots.map((s) => s.name).join(' vs ')}`.slice(0, 120);
      downloadBlob(`${name}.png`, await elementToPng(ref.current, surfaceColor()));
      setPngError(null);
    } catch (error) {
      setPngError(errorMessage(error));
    }
  };

  return (
    <section
      className="panel compare-view"
      aria-labelledby="compare-title"
      data-testid="compare-view"
      ref={ref}
    >
      <header className="panel-header snapshot-view-header">
        <h2 id="compare-title">Compare {snapshots.length} snapshots</h2>
        <p className="panel-subtitle">Ratios are against A, the first one ticked.</p>
        <div className="snapshot-actions snapshot-view-actions">
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label="PNG of the comparison"
            onClick={() => void exportPng()}
          >
            PNG
          </button>
          <button type="button" className="button button-small button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      {pngError && (
        <p className="field-problem" role="alert">
          Could not make the PNG: {pngError}
        </p>
      )}
      <div className="host-cards">
        {snapshots.map((snapshot, index) => (
          <SnapshotHostCard
            key={snapshot.name}
            snapshot={snapshot}
            label={labels[index]}
            color={snapshotColor(index)}
          />
        ))}
      </div>

      {comparison.sentences.length > 0 && (
        <ul className="compare-sentences" data-testid="compare-sentences" aria-label="Differences">
          {comparison.sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
      {comparison.warnings.length > 0 && (
        <ul className="compare-warnings" aria-label="Caveats">
          {comparison.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}

      <div className="compare-charts">
        {live.series.length > 0 && (
          <div className="chart-card" data-testid="compare-live">
            <h3>Live throughput against workers</h3>
            <p className="chart-caption">
              Each live run&apos;s steps at the task size it ran longest, weighted by time.
            </p>
            <LineChart
              data={live.rows}
              index="workers"
              series={live.series}
              valueFormatter={(v) => formatRate(v)}
              xFormatter={(v) => String(v)}
              xTicks={live.rows.map((row) => Number(row.workers))}
              xLabel="workers"
              yLabel="tasks/s"
              height={240}
              ariaLabel="Live throughput against worker count, one curve per model of each live snapshot"
            />
          </div>
        )}
        {hasRunResults && (
          <div className="chart-card">
            <h3>Throughput per model</h3>
            <p className="chart-caption">
              Tasks per second, start-up excluded; a sweep shows its best worker count.
            </p>
            <BarChart
              data={bars.rows}
              index="name"
              series={bars.series}
              valueFormatter={(v) => formatRate(v)}
              axisFormatter={formatCount}
              height={240}
              ariaLabel="Throughput per model, one bar per snapshot"
              emptyText="No model finished in these snapshots"
            />
          </div>
        )}
        {overlay.series.length > 0 && (
          <div className="chart-card">
            <h3>Speedup</h3>
            <p className="chart-caption">
              Measured speedup of each sweep against its own 1 worker.
            </p>
            <LineChart
              data={overlay.rows}
              index="workers"
              series={overlay.series}
              valueFormatter={(v) => formatSpeedup(v)}
              xFormatter={(v) => String(v)}
              xTicks={ticks}
              xLabel="workers"
              yLabel="speedup"
              height={240}
              ariaLabel="Speedup against worker count, one curve per sweep snapshot"
            />
          </div>
        )}
      </div>

      {hasRunResults && (
        <div className="table-scroll">
          <table className="results-table compare-table" data-testid="compare-table">
            <caption className="visually-hidden">Throughput per model and snapshot</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                {comparison.snapshots.map((s) => (
                  <th key={s.label} scope="col" className="num" title={s.name}>
                    {s.label} tasks/s
                  </th>
                ))}
                {comparison.snapshots.slice(1).map((s) => (
                  <th key={s.label} scope="col" className="num">
                    {s.label} ÷ A
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <tr key={row.model} data-model={row.model}>
                  <th scope="row">{MODELS[row.model].label}</th>
                  {row.cells.map((cell, index) => (
                    <td key={index} className="num">
                      {cell ? (
                        <>
                          {formatRate(cell.tasksPerSec)}
                          <span className="cell-sub">
                            {' '}
                            {describeWorkers(row.model, cell.workers)}
                          </span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  ))}
                  {row.ratios.slice(1).map((ratio, index) => (
                    <td key={index} className="num">
                      {ratio === null ? '—' : `${ratio.toFixed(2)}×`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
