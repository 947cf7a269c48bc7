/**
 * One model of a live run: its numbers now, then throughput, workers and dispatch overhead
 * over time (resizes marked) and the scaling plot that fills in as the slider moves.
 */
import { memo, useMemo } from 'react';
import { formatCount, formatMs, formatRate, formatSignificant } from '../../shared/format';
import type { LiveModelResult, LiveResize, LiveSample } from '../../shared/live/live-schema';
import { describeWorkers, MODELS, type ModelId } from '../../shared/models';
import { useThrottled } from '../hooks/use-throttled';
import { LineChart } from '../charts/LineChart';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { timeTicks } from '../pipeline/pipeline-view';
import { formatTaskUs } from './live-form';
import type { LiveModelState } from './live-state';
import {
  liveRows,
  recentSamples,
  resizeMarkers,
  scalingPoints,
  scalingRows,
  taskSizeChanges,
} from './live-view';

export interface LiveModelCardProps {
  entry: LiveModelState;
  /** The task size whose scaling points are drawn: the one the run uses now (or ended with). */
  taskUs: number;
  /** The model's end: checksum and steps; null while it runs. */
  result: LiveModelResult | null;
  /** Draws the whole series (a reopened snapshot), not only the last minute. */
  isWholeRun?: boolean;
}

const seconds = (value: number): string => `${formatSignificant(value, 3)} s`;
/** Short enough for a narrow value axis: "850", "2.4k". */
const perSecond = (value: number): string =>
  value >= 1000 ? `${formatSignificant(value / 1000, 3)}k` : formatCount(value);
const micros = (us: number): string => formatMs(us / 1000);
/** How often a running model's charts redraw: four recharts per model cost the page. */
const CHART_REDRAW_MS = 1000;

/** The numbers and four charts of one model. */
export const LiveModelCard = memo(function LiveModelCard({
  entry,
  taskUs,
  result,
  isWholeRun = false,
}: LiveModelCardProps) {
  const { model } = entry;
  const info = MODELS[model];
  const color = MODELS[model].colour;
  const latest = entry.samples.at(-1) ?? null;
  // The charts redraw once a second while the run goes, the readouts with every sample.
  const chartSamples = useThrottled(entry.samples, result ? 0 : CHART_REDRAW_MS);
  const testId = `live-model-${model}`;

  return (
    <article
      className="live-model"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
      data-samples={entry.samples.length}
    >
      <header className="live-model-header">
        <h3 id={`${testId}-title`} className="live-model-title">
          <span className="model-dot" style={{ backgroundColor: color }} aria-hidden="true" />
          {info.label}
        </h3>
        <dl className="readouts live-readouts">
          <div className="readout">
            <dt>Throughput, last second</dt>
            <dd>
              <span className="readout-value" data-testid={`live-throughput-${model}`}>
                {latest ? formatCount(latest.tasksPerSec) : '–'}
              </span>
              <span className="readout-unit"> tasks/s</span>
            </dd>
          </div>
          <div className="readout">
            <dt>Workers</dt>
            <dd>
              <span className="readout-value" data-testid={`live-workers-${model}`}>
                {latest ? latest.workers : '–'}
              </span>
              {latest && latest.workers !== entry.workers && !result && (
                <span className="readout-unit"> → {entry.workers}</span>
              )}
            </dd>
          </div>
          <div className="readout">
            <dt title="Median time from a task's dispatch to its start on a worker, over the last second">
              Dispatch to start
            </dt>
            <dd>
              <span className="readout-value" data-testid={`live-overhead-${model}`}>
                {latest?.dispatchToStartUsP50 != null ? micros(latest.dispatchToStartUsP50) : '–'}
              </span>
              <span className="readout-unit"> per task</span>
            </dd>
          </div>
          <div className="readout">
            <dt title="Median time a task took on its worker over the last second. Tasks are cut to the size of the work in JavaScript, so a slower runtime (Python) takes longer for each">
              Task time
            </dt>
            <dd>
              <span className="readout-value" data-testid={`live-task-time-${model}`}>
                {latest?.measuredTaskUsP50 != null ? micros(latest.measuredTaskUsP50) : '–'}
              </span>
              <span className="readout-unit"> per task</span>
            </dd>
          </div>
        </dl>
      </header>
      {result && (
        <p
          className={
            result.error || result.checksumVerified === false ? 'field-problem' : 'live-note'
          }
          data-testid={`live-checksum-${model}`}
        >
          {formatCount(result.tasksDone)} tasks ·{' '}
          {result.error
            ? `failed: ${result.error.message}`
            : result.checksumVerified === true
              ? 'every checksum exact'
              : result.checksumVerified === false
                ? 'checksum mismatch'
                : 'checksum not checked'}
          {result.checksumNote ? ` (${result.checksumNote})` : ''}
        </p>
      )}
      <LiveModelCharts
        model={model}
        samples={chartSamples}
        resizes={entry.resizes}
        taskUs={taskUs}
        workers={entry.workers}
        isWholeRun={isWholeRun}
      />
      {result && result.steps.length > 0 && (
        <table className="live-steps" data-testid={`live-steps-${model}`}>
          <caption className="visually-hidden">{info.label}: each stretch of the run</caption>
          <thead>
            <tr>
              <th scope="col">Workers</th>
              <th scope="col">Task size</th>
              <th scope="col">Time</th>
              <th scope="col">Tasks</th>
              <th scope="col">Throughput</th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((step, index) => (
              <tr key={index}>
                <td>{describeWorkers(model, step.workers)}</td>
                <td>{formatTaskUs(step.taskUs)}</td>
                <td>{formatMs(step.durationMs)}</td>
                <td>{formatCount(step.tasksDone)}</td>
                <td>{formatRate(step.tasksPerSec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
});

interface LiveModelChartsProps {
  model: ModelId;
  samples: readonly LiveSample[];
  resizes: readonly LiveResize[];
  taskUs: number;
  /** The count asked for last, so the workers axis reaches it before the run does. */
  workers: number;
  isWholeRun: boolean;
}

/** Throughput, workers and dispatch overhead over time, and the scaling plot. */
const LiveModelCharts = memo(function LiveModelCharts({
  model,
  samples,
  resizes,
  taskUs,
  workers,
  isWholeRun,
}: LiveModelChartsProps) {
  const info = MODELS[model];
  const color = MODELS[model].colour;
  const shown = useMemo(
    () => (isWholeRun ? [...samples] : recentSamples(samples)),
    [samples, isWholeRun],
  );
  const rows = useMemo(() => liveRows(shown), [shown]);
  const points = useMemo(() => scalingPoints(samples, resizes, taskUs), [samples, resizes, taskUs]);
  const latest = samples.at(-1) ?? null;
  const markers = resizeMarkers(resizes, shown);
  const sizeMarkers = taskSizeChanges(shown)
    .slice(1)
    .map((change) => ({ x: change.atMs / 1000, label: `task ${formatTaskUs(change.taskUs)}` }));
  const xTicks = timeTicks((shown[0]?.atMs ?? 0) / 1000, (latest?.atMs ?? 0) / 1000);
  const topWorkers = Math.max(2, workers, ...shown.map((s) => s.workers));
  const scaling = scalingRows(points, latest?.workers ?? workers);
  return (
    <div className="live-charts">
      <div>
        <h4 className="pipeline-chart-title">Throughput (tasks per second)</h4>
        <TimeSeriesChart
          data={rows}
          index="seconds"
          series={[{ key: 'tasksPerSec', label: 'tasks/s, last second', color }]}
          valueFormatter={perSecond}
          xFormatter={seconds}
          xTicks={xTicks}
          markers={[...markers, ...sizeMarkers]}
          ariaLabel={`${info.label}: tasks finished per second over time, resizes marked`}
        />
      </div>
      <div>
        <h4 className="pipeline-chart-title">Workers</h4>
        <TimeSeriesChart
          data={rows}
          index="seconds"
          series={[{ key: 'workers', label: 'workers', color }]}
          valueFormatter={(n) => String(Math.round(n))}
          xFormatter={seconds}
          xTicks={xTicks}
          markers={markers}
          curve="stepAfter"
          yDomain={[0, topWorkers]}
          isWholeNumbers
          ariaLabel={`${info.label}: worker count over time`}
        />
      </div>
      <div>
        <h4 className="pipeline-chart-title">Dispatch to start, per task (median)</h4>
        <TimeSeriesChart
          data={rows}
          index="seconds"
          series={[{ key: 'overheadUs', label: 'dispatch → start', color }]}
          valueFormatter={micros}
          xFormatter={seconds}
          xTicks={xTicks}
          markers={markers}
          ariaLabel={`${info.label}: time from dispatch to start per task over time`}
          emptyText="No task started yet"
        />
      </div>
      <div>
        <h4 className="pipeline-chart-title">Scaling at {formatTaskUs(taskUs)} tasks</h4>
        <LineChart
          data={scaling}
          index="workers"
          series={[
            { key: 'measured', label: 'measured', color },
            { key: 'ideal', label: 'ideal (linear from 1 worker)', color, isDashed: true },
          ]}
          xLabel="workers"
          yLabel="tasks/s"
          xTicks={scaling.map((row) => Number(row.workers))}
          valueFormatter={perSecond}
          height={170}
          highlight={
            latest && latest.taskUs === taskUs
              ? {
                  x: latest.workers,
                  y: latest.tasksPerSec,
                  color,
                  label: 'now',
                }
              : undefined
          }
          ariaLabel={`${info.label}: throughput against workers, with the ideal line and the current point`}
          emptyText="Fills in a second after each worker count: move the slider"
        />
      </div>
    </div>
  );
});
