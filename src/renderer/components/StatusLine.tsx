/** The live status sentence ("Run complete", "Run cancelled"), read out by screen readers. */

export interface StatusLineProps {
  status: string;
  isError: boolean;
  isBusy: boolean;
}

/** A polite aria-live region; the e2e tests read it too. */
export function StatusLine({ status, isError, isBusy }: StatusLineProps) {
  const tone = isError ? 'status-error' : isBusy ? 'status-busy' : 'status-idle';
  return (
    <p className={`status ${tone}`} role="status" aria-live="polite" data-testid="status">
      <span className="status-dot" aria-hidden="true" />
      {status}
    </p>
  );
}
