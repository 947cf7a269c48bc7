/** The pipeline's live view: events/s, queue depth, latency and lock wait, then the totals. */
import { durationAxisFormat, formatCount, formatMs, formatSignificant } from '../../shared/format';
import { MODELS } from '../../shared/models';
import { transportLabel } from '../../shared/pipeline/pipeline-summary';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import type { PipelineState } from './pipeline-state';
import { PipelineTimeShares } from './PipelineTimeShares';
import { PipelineTotals } from './PipelineTotals';
import {
  describeStopTiming,
  expectedTransport,
  noLockReason,
  sampleRows,
  timeTicks,
} from './pipeline-view';
import './pipeline.css';

export interface PipelinePanelProps {
  state: PipelineState;
}

const COLORS = {
  produced: '#3b82f6',
  consumed: '#10a37f',
  depth: '#8b5cf6',
  p50: '#0ea5c6',
  p99: '#e5486b',
  lockWait: '#e0a030',
};

const seconds = (value: number): string => `${formatSignificant(value, 3)} s`;
const perSecond = (value: number): string =>
  value >= 10_000 ? `${formatSignificant(value / 1000, 3)}k` : formatCount(value);

/** Charts and totals of the current or last pipeline. */
export function PipelinePanel({ state }: PipelinePanelProps) {
  const { config, result } = state;
  const rows = sampleRows(state.samples);
  const xTicks = timeTicks(
    (state.samples[0]?.elapsedMs ?? 0) / 1000,
    (state.samples.at(-1)?.elapsedMs ?? 0) / 1000,
  );
  const transport =
    result?.transport ??
    (config ? expectedTransport(config.model, globalThis.crossOriginIsolated === true) : null);
  const isRunning = state.phase !== 'idle';

  return (
    <section
      className="panel pipeline-panel"
      aria-labelledby="pipeline-title"
      data-testid="pipeline-panel"
      data-phase={state.phase}
    >
      <header className="panel-header">
        <h2 id="pipeline-title">Pipeline</h2>
        {config ? (
          <p className="panel-subtitle">
            {MODELS[config.model].label} · {config.producers} producer
            {config.producers === 1 ? '' : 's'} → queue of {formatCount(config.capacity)} →{' '}
            {config.consumers} consumer{config.consumers === 1 ? '' : 's'}
            {transport && <> · {transportLabel({ transport, model: config.model })}</>}
          </p>
        ) : (
          <p className="panel-subtitle">
            Producers emit a random walk into a bounded queue; consumers take and process each
            event.
          </p>
        )}
      </header>
      {result && (
        <p className="pipeline-note" data-testid="pipeline-transport">
          {result.transportNote}
        </p>
      )}
      {!config && isRunning ? (
        <p className="pipeline-empty" data-testid="pipeline-adopted">
          A pipeline started in another window (or in a tab since closed) is running on this engine.
          Its settings are not known here; press <strong>Stop</strong> to end it and see its totals.
        </p>
      ) : !config ? (
        <p className="pipeline-empty">
          Pick a model and press <strong>Start pipeline</strong>. Watch how each model's queue
          behaves: a full queue makes producers wait, an empty one makes consumers wait, and a Stop
          drains the queue before anything exits.
        </p>
      ) : (
        <div
          className="pipeline-charts"
          data-testid="pipeline-charts"
          data-samples={state.samples.length}
        >
          <div>
            <h3 className="pipeline-chart-title">Events per second</h3>
            <TimeSeriesChart
              data={rows}
              index="seconds"
              series={[
                { key: 'produced', label: 'produced', color: COLORS.produced },
                { key: 'consumed', label: 'consumed', color: COLORS.consumed },
              ]}
              valueFormatter={perSecond}
              xFormatter={seconds}
              xTicks={xTicks}
              ariaLabel="Events produced and consumed per second"
            />
          </div>
          <div>
            <h3 className="pipeline-chart-title">Queue depth</h3>
            <TimeSeriesChart
              data={rows}
              index="seconds"
              series={[{ key: 'depth', label: 'events in the queue', color: COLORS.depth }]}
              valueFormatter={formatCount}
              xFormatter={seconds}
              xTicks={xTicks}
              limit={{ value: config.capacity, label: `capacity ${formatCount(config.capacity)}` }}
              ariaLabel="Events in the queue over time, against its capacity"
            />
          </div>
          <div>
            <h3 className="pipeline-chart-title">End-to-end latency</h3>
            <TimeSeriesChart
              data={rows}
              index="seconds"
              series={[
                { key: 'p50', label: 'p50', color: COLORS.p50 },
                { key: 'p99', label: 'p99', color: COLORS.p99 },
              ]}
              valueFormatter={formatMs}
              axisFormat={durationAxisFormat}
              xFormatter={seconds}
              xTicks={xTicks}
              ariaLabel="Latency from emit to processed, 50th and 99th percentile"
              emptyText="No event consumed yet"
            />
          </div>
          <div>
            <h3 className="pipeline-chart-title">Lock wait</h3>
            {transport === 'shared-memory' ? (
              <TimeSeriesChart
                data={rows}
                index="seconds"
                series={[
                  {
                    key: 'lockWait',
                    label: 'ms waited per second, all threads',
                    color: COLORS.lockWait,
                  },
                ]}
                valueFormatter={formatMs}
                axisFormat={durationAxisFormat}
                xFormatter={seconds}
                xTicks={xTicks}
                ariaLabel="Time threads spent waiting for the queue's lock, per second"
              />
            ) : (
              <p className="chart-empty pipeline-no-lock" style={{ height: 170 }} role="note">
                {transport ? noLockReason(transport) : ''}
              </p>
            )}
          </div>
        </div>
      )}
      {result && !isRunning && (
        <>
          <PipelineTotals
            result={result}
            stopTiming={describeStopTiming(state.stopTiming, result.drainMs)}
          />
          <PipelineTimeShares result={result} />
        </>
      )}
    </section>
  );
}
