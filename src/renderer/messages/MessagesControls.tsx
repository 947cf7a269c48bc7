/** The message explorer's settings: the payload sizes (a log slider each end) and the models. */
import { useRef } from 'react';
import { MODELS } from '../../shared/models';
import { formatBytes } from '../../shared/format';
import { MESSAGE_MODEL_IDS, type MessageModel } from '../../shared/messages/message-cost';
import { MESSAGE_SIZE_LADDER } from '../../shared/messages/message-sizes';
import { StartStopButtons } from '../components/StartStopButtons';
import { StatusLine } from '../components/StatusLine';
import { useFocusHandoff } from '../hooks/use-focus-handoff';
import { StepSlider } from '../pipeline/StepSlider';
import type { MessageExplorer } from './use-message-explorer';

export interface MessagesControlsProps {
  explorer: MessageExplorer;
  isConnected: boolean;
}

/** Two sliders over the 8 B … 64 MiB ladder, a checkbox per model, and Measure. */
export function MessagesControls({ explorer, isConnected }: MessagesControlsProps) {
  const { form, setForm, isBusy, progress, error } = explorer;
  const measureRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useFocusHandoff(isBusy, measureRef, cancelRef);
  const toggle = (model: MessageModel, isOn: boolean): void =>
    setForm((f) => ({
      ...f,
      models: MESSAGE_MODEL_IDS.filter((id) => (id === model ? isOn : f.models.includes(id))),
    }));
  const rowsSoFar = progress ? `${progress.done} of ${progress.total} rows` : null;
  const status = error
    ? `The measurement failed: ${error}`
    : explorer.isCancelling
      ? 'Cancelling: ending the workers…'
      : isBusy
        ? `Measuring… ${rowsSoFar ?? 'starting the workers'}`
        : explorer.isCancelled
          ? `Cancelled${rowsSoFar ? ` after ${rowsSoFar}` : ''}; its workers have ended.`
          : explorer.report
            ? `Measured ${explorer.report.rows.length} rows.`
            : 'Round trips between a parent and one worker, per way of passing data.';
  return (
    <form
      className="controls"
      aria-label="Message explorer settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (!isBusy && isConnected && form.models.length > 0) explorer.measure();
      }}
    >
      <fieldset className="control-group" disabled={isBusy}>
        <legend>What a message costs</legend>
        <StepSlider
          id="messages-min-bytes"
          label="Smallest payload"
          steps={MESSAGE_SIZE_LADDER}
          value={form.minBytes}
          format={formatBytes}
          isDisabled={isBusy}
          testId="messages-min-bytes"
          onChange={(bytes) =>
            setForm((f) => ({ ...f, minBytes: bytes, maxBytes: Math.max(bytes, f.maxBytes) }))
          }
        />
        <StepSlider
          id="messages-max-bytes"
          label="Largest payload"
          steps={MESSAGE_SIZE_LADDER}
          value={form.maxBytes}
          format={formatBytes}
          isDisabled={isBusy}
          testId="messages-max-bytes"
          onChange={(bytes) =>
            setForm((f) => ({ ...f, maxBytes: bytes, minBytes: Math.min(bytes, f.minBytes) }))
          }
        />
        <fieldset className="messages-models">
          <legend>Models</legend>
          {MESSAGE_MODEL_IDS.map((model) => (
            <label key={model} className="messages-model">
              <input
                type="checkbox"
                checked={form.models.includes(model)}
                data-testid={`messages-model-${model}`}
                onChange={(event) => toggle(model, event.target.checked)}
              />
              {MODELS[model].label}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <StartStopButtons
        startLabel="Measure"
        startTestId="messages-measure"
        stopTestId="messages-cancel"
        startRef={measureRef}
        stopRef={cancelRef}
        isStartDisabled={isBusy || !isConnected || form.models.length === 0}
        isStopDisabled={!isBusy || explorer.isCancelling || !isConnected}
        onStop={() => explorer.cancel()}
        stopLabel="Cancel"
      />
      {isBusy && progress && (
        <progress
          className="messages-progress"
          aria-label="Rows measured"
          max={progress.total}
          value={progress.done}
          data-testid="messages-progress"
        />
      )}
      <StatusLine status={status} isError={error !== null} isBusy={isBusy} />
    </form>
  );
}
