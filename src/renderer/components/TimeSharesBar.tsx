/** Where a model's worker time went: a stacked bar of the five states, its legend and a sentence. */
import { formatPercent } from '../../shared/format';
import { THREAD_STATE_LABELS, THREAD_STATES, type ModelResult } from '../../shared/results';
import { timeShareSentence, timeSharesUnavailable } from '../../shared/time-share-words';

export interface TimeSharesBarProps {
  result: ModelResult;
}

/** The five shares side by side; a share that could not be measured says so, never 0%. */
export function TimeSharesBar({ result }: TimeSharesBarProps) {
  const shares = result.timeShares;
  const unavailable = timeSharesUnavailable(result);
  const words = THREAD_STATES.map(
    (state) =>
      `${THREAD_STATE_LABELS[state]} ${shares[state] === null ? 'unavailable' : formatPercent(shares[state])}`,
  ).join(', ');
  return (
    <figure className="time-shares" data-testid="time-shares" data-model={result.model}>
      <figcaption className="time-shares-title">Where the worker time went</figcaption>
      <div className="time-shares-bar" role="img" aria-label={`Worker time: ${words}`}>
        {THREAD_STATES.map((state) => {
          const share = shares[state];
          return share === null || share <= 0 ? null : (
            <span
              key={state}
              className={`time-shares-seg time-state-${state}`}
              style={{ width: `${share * 100}%` }}
            />
          );
        })}
      </div>
      <ul className="time-shares-legend">
        {THREAD_STATES.map((state) => (
          <li key={state} data-state={state}>
            <span className={`time-shares-swatch time-state-${state}`} aria-hidden="true" />
            {THREAD_STATE_LABELS[state]}{' '}
            <strong>{shares[state] === null ? 'unavailable' : formatPercent(shares[state])}</strong>
          </li>
        ))}
      </ul>
      <p className="model-card-text" data-testid="time-shares-sentence">
        {timeShareSentence(result)}
      </p>
      {unavailable !== null && shares.idle !== null && (
        <p className="time-shares-note">Idle and messaging come from the task timings alone.</p>
      )}
    </figure>
  );
}
