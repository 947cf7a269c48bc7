/** Next to Run: how long the run should take, and a smaller size when it would be long. */
import { formatMs } from '../../shared/format';
import type { EstimateState } from '../hooks/use-run-estimate';

/** An estimate past this long offers the calibrated, smaller size. */
export const LONG_RUN_MS = 15_000;

export interface RunEstimateLineProps {
  state: EstimateState;
  onUseSmallerSize: () => void;
}

/** "Estimate: about 6 s", with "Use the smaller size" when it is long and one is offered. */
export function RunEstimateLine({ state, onUseSmallerSize }: RunEstimateLineProps) {
  if (state.status === 'none') return null;
  if (state.status === 'estimating') {
    return (
      <p className="run-estimate" data-testid="run-estimate" aria-busy="true">
        Estimating how long it takes…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <p className="run-estimate" data-testid="run-estimate">
        No estimate: {state.message}
      </p>
    );
  }
  const { estimate } = state;
  const smaller = estimate.estimatedMs > LONG_RUN_MS ? estimate.smaller : undefined;
  return (
    <div className="run-estimate" data-testid="run-estimate">
      <p>
        Estimate: {estimate.note}
        {estimate.isSized ? ' (sized to this machine)' : ''}
      </p>
      {smaller && (
        <button
          type="button"
          className="button button-small button-secondary"
          data-testid="use-smaller-size"
          onClick={onUseSmallerSize}
        >
          Use the smaller size (about {formatMs(smaller.estimatedMs)})
        </button>
      )}
    </div>
  );
}
