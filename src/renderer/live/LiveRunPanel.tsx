/** The live run's view: one card per model, with its numbers now and its charts. */
import { MODELS } from '../../shared/models';
import { explainFit } from '../../shared/stats/scaling-words';
import { formatTaskUs } from './live-form';
import type { LiveState } from './live-state';
import { taskSizeChanges } from './live-view';
import { LiveModelCard } from './LiveModelCard';
import './live.css';

export interface LiveRunPanelProps {
  state: LiveState;
  /** Draws whole series (a reopened snapshot) rather than the last minute. */
  isWholeRun?: boolean;
}

/** Every model of the current or last live run; words on how to start before any. */
export function LiveRunPanel({ state, isWholeRun = false }: LiveRunPanelProps) {
  const { config, result } = state;
  // An adopted run (started elsewhere) has no config until it ends: its samples show it.
  const hasRun = config !== null || state.models.length > 0;
  // Every model changes size together; one model's samples say when. (Merged, a page part's
  // and the engine part's samples would interleave: each counts from its own start.)
  const sizes = taskSizeChanges(state.models[0]?.samples ?? []);
  return (
    <section
      className="panel live-run-panel"
      aria-labelledby="live-run-title"
      data-testid="live-run-panel"
      data-phase={state.phase}
    >
      <header className="panel-header">
        <h2 id="live-run-title">Live run</h2>
        <p className="panel-subtitle">
          {config
            ? [
                config.workload,
                `${formatTaskUs(state.taskUs)} tasks`,
                config.ramp
                  ? `ramp ${config.ramp.from}…${config.ramp.to} workers, ${config.ramp.stepS} s each`
                  : 'until Stop',
                state.models.map((m) => MODELS[m.model].label).join(', '),
              ].join(' · ')
            : hasRun
              ? state.models.map((m) => MODELS[m.model].label).join(', ')
              : 'Throughput, workers, dispatch overhead and scaling, per model, as they happen'}
        </p>
      </header>
      {!hasRun ? (
        <p className="pipeline-empty">
          Pick a model and press <strong>Start live</strong>. Its pool starts warm at the worker
          count you set; move its slider (or press the arrow keys on it) and the pool grows or
          shrinks while it runs. The scaling plot fills in one point per worker count; the dashed
          line is what perfect scaling from one worker would give.
        </p>
      ) : (
        <>
          {sizes.length > 1 && (
            <p className="live-note" data-testid="live-task-sizes">
              Task sizes:{' '}
              {sizes
                .map((s) => `${formatTaskUs(s.taskUs)} from ${(s.atMs / 1000).toFixed(1)} s`)
                .join(', ')}
            </p>
          )}
          {result?.fit && (
            <ul
              className="live-note live-fit"
              data-testid="live-fit"
              aria-label="Scaling fit of the ramp"
            >
              {explainFit(result.fit).map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          )}
          {state.models.map((entry) => (
            <LiveModelCard
              key={entry.model}
              entry={entry}
              taskUs={state.taskUs}
              result={result?.models.find((m) => m.model === entry.model) ?? null}
              isWholeRun={isWholeRun}
            />
          ))}
        </>
      )}
    </section>
  );
}
