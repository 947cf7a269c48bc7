/** Where a model's worker time went: a stacked bar of the five states, its legend and a sentence. */
import { formatPercent } from '../../shared/format';
import { THREAD_STATE_LABELS, THREAD_STATES, type TimeShares } from '../../shared/results';
import { timeSharesUnavailable } from '../../shared/time-share-words';

export interface TimeSharesBarProps {
  shares: TimeShares;
  /** The figure's caption, e.g. "Where the worker time went". */
  title: string;
  /** Whose time it is, for the bar's accessible name: "Worker time", "Consumer time". */
  whose: string;
  /** The sentence under the legend (time-share-words.ts). */
  sentence: string;
  /** Set on the figure for tests: the model, and the role in a pipeline. */
  model: string;
  role?: string;
}

/** The five shares side by side; a share that could not be measured says so, never 0%. */
export function TimeSharesBar({ shares, title, whose, sentence, model, role }: TimeSharesBarProps) {
  const unavailable = timeSharesUnavailable(shares);
  const words = THREAD_STATES.map(
    (state) =>
      `${THREAD_STATE_LABELS[state]} ${shares[state] === null ? 'unavailable' : formatPercent(shares[state])}`,
  ).join(', ');
  return (
    <figure className="time-shares" data-testid="time-shares" data-model={model} data-role={role}>
      <figcaption className="time-shares-title">{title}</figcaption>
      <div className="time-shares-bar" role="img" aria-label={`${whose}: ${words}`}>
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
        {sentence}
      </p>
      {unavailable !== null && shares.idle !== null && (
        <p className="time-shares-note">Idle and messaging come from the task timings alone.</p>
      )}
    </figure>
  );
}
