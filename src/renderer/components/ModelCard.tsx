/** A model's plain-words card beside its headline numbers. */
import { formatMs, formatRate, formatSignificant } from '../../shared/format';
import { formatWallSpread } from '../../shared/format-spread';
import { MODELS, describeWorkers } from '../../shared/models';
import type { ModelResult } from '../../shared/results';
import { coresUsed } from '../../shared/verdict';
import { resultProblem } from './ResultsTable';
import { TimeSharesBar } from './TimeSharesBar';
import { timeShareSentence } from '../../shared/time-share-words';

export interface ModelCardProps {
  result: ModelResult;
}

/** What this run measured of the model, in one sentence, beside the card's "look for". */
export function measuredSentence(result: ModelResult): string | null {
  const busyCores = coresUsed(result);
  if (busyCores !== null && busyCores > 0) {
    const cores = formatSignificant(busyCores, 2);
    return `Here: ${cores} ${cores === '1' ? 'core' : 'cores'} busy on average with ${describeWorkers(result.model, result.workers)}.`;
  }
  if (result.frameDelay) {
    return `Here: frames came up to ${formatMs(result.frameDelay.p99Ms)} late (p99) while it ran.`;
  }
  return null;
}

/** What the model is and what to look for, with its throughput, wall time and checksum. */
export function ModelCard({ result }: ModelCardProps) {
  const info = MODELS[result.model];
  const problem = resultProblem(result);
  const measured = measuredSentence(result);
  const disturbance = result.interference?.flagged ? result.interference.reasons : [];
  return (
    <article
      className="model-card"
      style={{ borderTopColor: MODELS[result.model].colour }}
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
          <dd>{formatWallSpread(result)}</dd>
        </div>
        <div>
          <dt>Frame delay</dt>
          <dd>{result.frameDelay ? formatMs(result.frameDelay.p99Ms) : '—'}</dd>
        </div>
      </dl>
      <p className="model-card-text">{info.card}</p>
      {measured && <p className="model-card-text">{measured}</p>}
      <TimeSharesBar
        shares={result.timeShares}
        title="Where the worker time went"
        whose="Worker time"
        sentence={timeShareSentence(result)}
        model={result.model}
      />
      {disturbance.length > 0 && (
        <p className="model-card-problem cell-warn" data-testid="model-disturbed">
          ⚠ Disturbed: {disturbance.join('; ')}
        </p>
      )}
      {problem && <p className="model-card-problem">{problem}</p>}
    </article>
  );
}
