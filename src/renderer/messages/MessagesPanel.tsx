import { MODELS } from '../../shared/models';
/**
 * What a message costs: round trip and MB/s against payload size per way of passing data (both
 * axes logarithmic), the crossover sentences and the check against the bare control.
 */
import { formatBytes, formatCount, formatMs } from '../../shared/format';
import {
  MESSAGE_MODE_LABELS,
  MODEL_MESSAGE_MODES,
  MESSAGE_MODEL_IDS,
  type MessageMode,
  type MessageModel,
  type MessageRow,
} from '../../shared/messages/message-cost';
import {
  controlRatios,
  controlSentence,
  crossoverSentence,
  measuredSizes,
} from '../../shared/messages/message-crossover';
import { MESSAGE_SIZE_LADDER } from '../../shared/messages/message-sizes';
import { LineChart } from '../charts/LineChart';
import type { ChartBand } from '../charts/LineChart';
import type { ChartRow, ChartSeries } from '../charts/chart-types';
import type { MessageExplorer } from './use-message-explorer';
import './messages.css';

/** One colour per way of passing data; sharing modes in greens, copies in warm colours. */
const MODE_COLORS: Record<MessageMode, string> = {
  'structured-clone': '#d9480f',
  transfer: '#f59f00',
  'shared-array-buffer': '#2b8a3e',
  'bare-post-message': '#868e96',
  'ipc-advanced': '#5f3dc4',
  'ipc-json': '#c2255c',
  'queue-pickle': '#1971c2',
  'shared-memory': '#0ca678',
  'shared-object': '#66a80f',
};

const seriesKey = (model: MessageModel, mode: MessageMode): string => `${model}:${mode}`;

/** The x of a size: its step on the ladder, so the axis is logarithmic in bytes. */
const ladderStep = (bytes: number): number => MESSAGE_SIZE_LADDER.indexOf(bytes);

/** Rows of the chart: one per size, a log10 value per model and mode. */
function chartRows(rows: readonly MessageRow[], value: (row: MessageRow) => number): ChartRow[] {
  const bySize = new Map<number, ChartRow>();
  for (const row of rows) {
    const chartRow = bySize.get(row.bytes) ?? { step: ladderStep(row.bytes) };
    chartRow[seriesKey(row.model, row.mode)] = Math.log10(Math.max(value(row), 1e-6));
    bySize.set(row.bytes, chartRow);
  }
  return [...bySize.values()].sort((a, b) => Number(a.step) - Number(b.step));
}

const fromLog = (value: number): number => 10 ** value;

/** Whole powers of ten spanning a log chart's values, for its y ticks. */
function decadeTicks(data: readonly ChartRow[]): number[] {
  const values = data.flatMap((row) =>
    Object.entries(row)
      .filter(([key, value]) => key !== 'step' && typeof value === 'number')
      .map(([, value]) => value as number),
  );
  if (values.length === 0) return [];
  const ticks: number[] = [];
  for (let t = Math.floor(Math.min(...values)); t <= Math.ceil(Math.max(...values)); t++)
    ticks.push(t);
  return ticks;
}

/** A rate in MB/s: "0.01", "3.2", "1,500". */
function formatMbPerSec(value: number): string {
  return value < 10 ? String(Number(value.toPrecision(2))) : formatCount(Math.round(value));
}

export interface MessagesPanelProps {
  explorer: MessageExplorer;
}

/** The explorer's results; the empty state says what to do. */
export function MessagesPanel({ explorer }: MessagesPanelProps) {
  const { rows, report } = explorer;
  const series: ChartSeries[] = MESSAGE_MODEL_IDS.flatMap((model) =>
    MODEL_MESSAGE_MODES[model]
      .filter((mode) => rows.some((r) => r.model === model && r.mode === mode))
      .map((mode) => ({
        key: seriesKey(model, mode),
        label: `${MODELS[model].label}: ${MESSAGE_MODE_LABELS[mode]}`,
        color: MODE_COLORS[mode],
        isDashed: mode === 'bare-post-message',
      })),
  );
  const steps = [...new Set(rows.map((r) => ladderStep(r.bytes)))].sort((a, b) => a - b);
  const control = controlSentence(controlRatios(rows));
  const roundTrips = chartRows(rows, (r) => r.roundTripMsP50);
  // The worker_threads crossover, shaded: from there up a SharedArrayBuffer beats a copy.
  const shared = report?.crossovers.find((c) => c.fasterMode === 'shared-array-buffer');
  const bands: ChartBand[] =
    shared?.fromBytes != null && steps.length > 0
      ? [{ from: ladderStep(shared.fromBytes), to: steps.at(-1)!, label: 'sharing beats copying' }]
      : [];
  const rates = chartRows(rows, (r) => r.mbPerSec);
  const xFormatter = (step: number): string => formatBytes(MESSAGE_SIZE_LADDER[step] ?? 0);
  return (
    <section
      className="panel messages-panel"
      aria-labelledby="messages-title"
      data-testid="messages-panel"
    >
      <header className="panel-header">
        <h2 id="messages-title">What a message costs</h2>
        <p className="panel-subtitle">
          A payload goes from a parent to one worker and back, for each model and way of passing
          data. Copies cost time for every byte; sharing costs a fixed handshake.
        </p>
      </header>
      {report && (
        <ul className="messages-findings" data-testid="messages-crossovers">
          {report.crossovers.map((crossover) => (
            <li key={`${crossover.model}:${crossover.fasterMode}`} data-testid="messages-crossover">
              {crossoverSentence(crossover, measuredSizes(rows))}
            </li>
          ))}
          {control && <li data-testid="messages-control">{control}</li>}
          {report.unavailable.map(({ model, reason }) => (
            <li key={model}>
              {MODELS[model].label}: not measured: {reason}
            </li>
          ))}
        </ul>
      )}
      <div className="messages-charts">
        <div>
          <h3 className="messages-chart-title">Round trip (median)</h3>
          <LineChart
            data={roundTrips}
            yTicks={decadeTicks(roundTrips)}
            bands={bands}
            index="step"
            series={series}
            ariaLabel="Median round trip against payload size, both axes logarithmic"
            emptyText="Press Measure to send payloads back and forth"
            xLabel="payload"
            yLabel="round trip"
            xFormatter={xFormatter}
            xTicks={steps}
            valueFormatter={(v) => formatMs(fromLog(v))}
            height={280}
          />
        </div>
        <div>
          <h3 className="messages-chart-title">Payload rate</h3>
          <LineChart
            data={rates}
            yTicks={decadeTicks(rates)}
            index="step"
            series={series}
            ariaLabel="Payload megabytes per second against payload size, both axes logarithmic"
            emptyText="Press Measure to send payloads back and forth"
            xLabel="payload"
            yLabel="MB/s"
            xFormatter={xFormatter}
            xTicks={steps}
            valueFormatter={(v) => formatMbPerSec(fromLog(v))}
            height={280}
          />
        </div>
      </div>
      {rows.length > 0 && (
        <div
          className="messages-table-wrap"
          role="region"
          aria-label="Every round trip measured"
          tabIndex={0}
        >
          <table className="messages-table" data-testid="messages-table">
            <caption>Every round trip measured</caption>
            <thead>
              <tr>
                <th scope="col">model</th>
                <th scope="col">way of passing data</th>
                <th scope="col">size</th>
                <th scope="col">round trip p50</th>
                <th scope="col">p99</th>
                <th scope="col">MB/s</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.model}:${row.mode}:${row.bytes}`} data-testid="messages-row">
                  <td>{MODELS[row.model].label}</td>
                  <td>{MESSAGE_MODE_LABELS[row.mode]}</td>
                  <td>{formatBytes(row.bytes)}</td>
                  <td>{formatMs(row.roundTripMsP50)}</td>
                  <td>{formatMs(row.roundTripMsP99)}</td>
                  <td>{row.mbPerSec.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
