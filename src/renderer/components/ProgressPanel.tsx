/** Progress of the current (or just finished) run: one bar per model. */
import { MODELS } from '../../shared/models';
import type { RunState } from '../state/run-state';
import { ModelProgressBar } from './ModelProgressBar';

export interface ProgressPanelProps {
  state: RunState;
}

/** Bars per model, and for a sweep the worker count it has reached. */
export function ProgressPanel({ state }: ProgressPanelProps) {
  if (state.progress.length === 0) return null;
  const sweep = state.kind === 'sweep' ? state.sweep : null;
  const title = sweep
    ? `Sweep of ${MODELS[sweep.model].label}: ${sweep.results.length} of ${sweep.maxWorkers} worker counts measured`
    : state.round
      ? `Progress · round ${state.round.round} of ${state.round.rounds}`
      : 'Progress';
  return (
    <section className="panel progress-panel" aria-labelledby="progress-title">
      <header className="panel-header">
        <h2 id="progress-title">{title}</h2>
        {state.note && <p className="panel-subtitle">{state.note}</p>}
      </header>
      <ul className="progress-list">
        {state.progress.map((row) => (
          <ModelProgressBar key={row.model} row={row} />
        ))}
      </ul>
    </section>
  );
}
