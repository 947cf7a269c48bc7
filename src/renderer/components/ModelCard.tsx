/** A model's plain-words card beside its headline numbers. */
import { formatMs, formatRate } from '../../shared/format';
import { MODELS } from '../../shared/models';
import type { ModelResult } from '../../shared/results';
import { MODEL_COLORS } from '../charts/model-colors';
import { resultProblem } from './ResultsTable';

export interface ModelCardProps {
  result: ModelResult;
}

/** What the model is and when to use it, with its throughput, wall time and checksum. */
export function ModelCard({ result }: ModelCardProps) {
  const info = MODELS[result.model];
  const problem = resultProblem(result);
  return (
    <article
      className="model-card"
      style={{ borderTopColor: MODEL_COLORS[result.model] }}
      data-model={result.model}
    >
      <header>
        <h4>{info.label}</h4>
        {result.error?.code === 'cancelled' ? (
          <span className="badge badge-cancelled">Cancelled</span>
        ) : (
          <span className={result.verified ? 'badge badge-done' : 'badge badge-failed'}>
            {result.verified ? '✓ verified' : '✗ not verified'}
          </span>
        )}
      </header>
      <dl className="model-card-numbers">
        <div>
          <dt>Throughput</dt>
          <dd>{formatRate(result.tasksPerSec)}</dd>
        </div>
        <div>
          <dt>Wall time</dt>
          <dd>{formatMs(result.wallMs)}</dd>
        </div>
        <div>
          <dt>Frame delay</dt>
          <dd>{result.frameDelay ? formatMs(result.frameDelay.p99Ms) : '—'}</dd>
        </div>
      </dl>
      <p className="model-card-text">{info.card}</p>
      {problem && <p className="model-card-problem">{problem}</p>}
    </article>
  );
}
