/** The run's numbers as bar charts, one colour per model throughout. */
import {
  bytesAxisFormat,
  durationAxisFormat,
  formatBytes,
  formatCount,
  formatMs,
  formatRate,
} from '../../shared/format';
import type { ModelId } from '../../shared/models';
import type { ModelResult } from '../../shared/results';
import { BarChart } from '../charts/BarChart';
import type { ChartRow } from '../charts/chart-types';
import { MODELS } from '../../shared/models';

export interface ResultChartsProps {
  results: readonly ModelResult[];
}

const rowColor = (row: ChartRow): string => MODELS[row.model as ModelId]?.colour ?? '#888';

/** Throughput, time, latency, CPU, memory and frame delay per model. */
export function ResultCharts({ results }: ResultChartsProps) {
  const rows: ChartRow[] = results.map((r) => ({
    name: MODELS[r.model].shortLabel,
    model: r.model,
    tasksPerSec: r.tasksPerSec,
    startupMs: r.startupMs,
    workMs: Math.max(0, r.wallMs - r.startupMs),
    p50Ms: r.latency.p50Ms,
    p95Ms: r.latency.p95Ms,
    p99Ms: r.latency.p99Ms,
    cpuTimeMs: r.cpuTimeMs,
    peakRssBytes: r.peakRssBytes,
    frameDelayMs: r.frameDelay ? r.frameDelay.p99Ms : null,
  }));
  return (
    <div className="chart-grid">
      <div className="chart-card">
        <h3>Throughput</h3>
        <p className="chart-caption">Tasks per second, start-up excluded. Higher is better.</p>
        <BarChart
          data={rows}
          index="name"
          series={[{ key: 'tasksPerSec', label: 'Throughput', color: 'var(--accent)' }]}
          valueFormatter={(v) => formatRate(v)}
          axisFormatter={formatCount}
          rowColor={rowColor}
          ariaLabel="Throughput per model, tasks per second"
        />
      </div>
      <div className="chart-card">
        <h3>Wall time</h3>
        <p className="chart-caption">From the first spawn to the last result. Lower is better.</p>
        <BarChart
          data={rows}
          index="name"
          series={[
            { key: 'startupMs', label: 'Start-up (pale)', color: 'var(--text-faint)' },
            { key: 'workMs', label: 'Work', color: 'var(--text-muted)' },
          ]}
          valueFormatter={formatMs}
          axisFormat={durationAxisFormat}
          rowColor={rowColor}
          isStacked
          ariaLabel="Wall time per model: start-up plus work"
        />
      </div>
      <div className="chart-card">
        <h3>Task latency</h3>
        <p className="chart-caption">Per-task time from start to finish on its worker.</p>
        <BarChart
          data={rows}
          index="name"
          series={[
            { key: 'p50Ms', label: 'p50', color: 'var(--series-1)' },
            { key: 'p95Ms', label: 'p95', color: 'var(--series-2)' },
            { key: 'p99Ms', label: 'p99', color: 'var(--series-3)' },
          ]}
          valueFormatter={formatMs}
          axisFormat={durationAxisFormat}
          ariaLabel="Task latency percentiles per model"
        />
      </div>
      <div className="chart-card">
        <h3>CPU time</h3>
        <p className="chart-caption">User + system time of every process of the run.</p>
        <BarChart
          data={rows}
          index="name"
          series={[{ key: 'cpuTimeMs', label: 'CPU time', color: 'var(--accent)' }]}
          valueFormatter={formatMs}
          axisFormat={durationAxisFormat}
          rowColor={rowColor}
          ariaLabel="CPU time per model"
          emptyText="Not measurable for models in the page"
        />
      </div>
      <div className="chart-card">
        <h3>Peak memory</h3>
        <p className="chart-caption">Peak resident memory of the processes that did the work.</p>
        <BarChart
          data={rows}
          index="name"
          series={[{ key: 'peakRssBytes', label: 'Peak memory', color: 'var(--accent)' }]}
          valueFormatter={formatBytes}
          axisFormat={bytesAxisFormat}
          rowColor={rowColor}
          ariaLabel="Peak memory per model"
          emptyText="Not measurable for models in the page"
        />
      </div>
      <div className="chart-card">
        <h3>Window frame delay</h3>
        <p className="chart-caption">
          p99 lateness of this window&apos;s frames during the run. Lower is smoother.
        </p>
        <BarChart
          data={rows}
          index="name"
          series={[{ key: 'frameDelayMs', label: 'Frame delay p99', color: 'var(--accent)' }]}
          valueFormatter={formatMs}
          axisFormat={durationAxisFormat}
          rowColor={rowColor}
          ariaLabel="Window frame delay p99 per model"
          emptyText="No window watched these runs"
        />
      </div>
    </div>
  );
}
