import type { MouseEvent, ReactNode, RefObject } from 'react';

export interface StartStopButtonsProps {
  /** The start button submits its form: Enter in a field starts too. */
  startLabel: ReactNode;
  startTestId: string;
  stopTestId: string;
  startRef: RefObject<HTMLButtonElement | null>;
  stopRef: RefObject<HTMLButtonElement | null>;
  isStartDisabled: boolean;
  isStopDisabled: boolean;
  onStop(event: MouseEvent<HTMLButtonElement>): void;
  stopLabel?: string;
  /** The id of a hint that says what Stop does. */
  stopDescribedBy?: string;
}

/** The start and Stop pair of every mode's controls (focus moves between them: useFocusHandoff). */
export function StartStopButtons({
  startLabel,
  startTestId,
  stopTestId,
  startRef,
  stopRef,
  isStartDisabled,
  isStopDisabled,
  onStop,
  stopLabel = 'Stop',
  stopDescribedBy,
}: StartStopButtonsProps) {
  return (
    <div className="run-actions">
      <button
        type="submit"
        className="button button-primary"
        data-testid={startTestId}
        ref={startRef}
        disabled={isStartDisabled}
      >
        {startLabel}
      </button>
      <button
        type="button"
        className="button button-danger"
        data-testid={stopTestId}
        ref={stopRef}
        disabled={isStopDisabled}
        aria-describedby={stopDescribedBy}
        onClick={onStop}
      >
        {stopLabel}
      </button>
    </div>
  );
}
