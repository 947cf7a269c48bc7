/** The top of the results: the verdict, then whether other load may have disturbed them. */
import type { Interference } from '../../shared/measurement';
import { quietSentence, type MethodView } from '../state/measurement-view';
import '../measurement.css';

export interface MeasurementSummaryProps {
  method: MethodView;
  /** A live result warns as an alert; a reopened snapshot states it as a status. */
  isLive: boolean;
}

/** The reasons a result was flagged, as a warning a screen reader announces. */
export function InterferenceWarning({
  interference,
  isLive,
}: {
  interference: Interference;
  isLive: boolean;
}) {
  return (
    <div
      className="interference-warning"
      role={isLive ? 'alert' : 'status'}
      data-testid="interference-warning"
    >
      <strong>These figures may not be this machine&apos;s own.</strong>{' '}
      {interference.reasons.length === 1
        ? `${capitalized(interference.reasons[0]!)}.`
        : 'Something else competed for the cores:'}
      {interference.reasons.length > 1 && (
        <ul>
          {interference.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}{' '}
      Close other programs and run again to compare fairly.
    </div>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Nothing while the run goes; then the verdict sentence and the load check. */
export function MeasurementSummary({ method, isLive }: MeasurementSummaryProps) {
  if (method.kind === 'pending') return null;
  return (
    <div className="measurement-summary">
      {method.verdict && (
        <p className="verdict" data-testid="verdict">
          {method.verdict}
        </p>
      )}
      {method.kind === 'predates' ? (
        <p className="measurement-note" data-testid="predates-note">
          This snapshot predates rounds and interference checks: each figure comes from a single
          run, start-up may be inside the wall time, and other load on the machine was not measured.
        </p>
      ) : method.interference?.flagged ? (
        <InterferenceWarning interference={method.interference} isLive={isLive} />
      ) : (
        <p className="measurement-note" data-testid="quiet-note">
          {quietSentence(method.interference)}
        </p>
      )}
    </div>
  );
}
