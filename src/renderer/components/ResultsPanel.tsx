/** The latest run's results: charts, the table, model cards and the worker timeline. */
import { memo } from 'react';
import { formatCount } from '../../shared/format';
import type { Theme } from '../charts/heat-palette';
import type { MethodView } from '../state/measurement-view';
import type { ResultEntry } from '../state/run-state';
import { MeasurementSummary } from './MeasurementSummary';
import { ModelCard } from './ModelCard';
import { ResultCharts } from './ResultCharts';
import { ResultsTable } from './ResultsTable';
import { WorkerTimeline } from './WorkerTimeline';

export interface ResultsPanelProps {
  entries: readonly ResultEntry[];
  /** Names the workload the results are of. */
  workloadLabel: string;
  theme: Theme;
  sampleIntervalMs: number;
  /** The verdict and the load check, once the run has ended. */
  method: MethodView;
  /** A live run (its warning is an alert) rather than a reopened snapshot. */
  isLive: boolean;
}

/** Nothing until a run has produced a result. */
export const ResultsPanel = memo(function ResultsPanel({
  entries,
  workloadLabel,
  theme,
  sampleIntervalMs,
  method,
  isLive,
}: ResultsPanelProps) {
  if (entries.length === 0) return null;
  const results = entries.map((e) => e.result);
  const taskCount = results[0]?.taskCount ?? 0;
  return (
    <section className="panel results-panel" aria-labelledby="results-title">
      <header className="panel-header">
        <h2 id="results-title">Results</h2>
        <p className="panel-subtitle">
          {workloadLabel} · {formatCount(taskCount)} tasks per model
        </p>
      </header>
      <MeasurementSummary method={method} isLive={isLive} />
      <ResultCharts results={results} />
      <div className="model-cards">
        {results.map((result) => (
          <ModelCard key={`${result.model}@${result.workers}`} result={result} />
        ))}
      </div>
      <ResultsTable results={results} />
      <WorkerTimeline entries={entries} theme={theme} sampleIntervalMs={sampleIntervalMs} />
    </section>
  );
});
