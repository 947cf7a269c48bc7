/** The pipeline's controls: model, producers, consumers, interval, capacity, work; Start/Stop. */
import { useRef } from 'react';
import { formatCount } from '../../shared/format';
import type { Capabilities } from '../../shared/lab-api';
import { MODELS } from '../../shared/models';
import { PIPELINE_LIMITS, PIPELINE_MODEL_IDS } from '../../shared/pipeline/pipeline-config';
import { StatusLine } from '../components/StatusLine';
import { useFocusHandoff } from '../hooks/use-focus-handoff';
import {
  CAPACITY_STEPS,
  DURATION_CHOICES_S,
  INTERVAL_STEPS_MS,
  pipelineModelReason,
  WORK_STEPS,
  type PipelineForm,
} from './pipeline-form';
import type { PipelineState } from './pipeline-state';
import { StepSlider } from './StepSlider';
import { StartStopButtons } from '../components/StartStopButtons';

export interface PipelineControlsProps {
  capabilities: Capabilities;
  form: PipelineForm;
  onFormChange: (update: (form: PipelineForm) => PipelineForm) => void;
  state: PipelineState;
  isConnected: boolean;
  onStart: () => void;
  /** Stop pressed; the press event's time (performance.now() clock). */
  onStop: (pressedAtMs: number) => void;
}

/** What one event's work costs, in words. */
function describeWork(rounds: number): string {
  if (rounds === 0) return 'none (hand-off)';
  return rounds >= 1000
    ? `${formatCount(rounds)} (≈${formatCount(rounds / 1000)} ms)`
    : `${rounds} (≈${rounds} µs)`;
}

/** Everything a person sets before pressing Start, and Stop / Force stop while it runs. */
export function PipelineControls({
  capabilities,
  form,
  onFormChange,
  state,
  isConnected,
  onStart,
  onStop,
}: PipelineControlsProps) {
  const isBusy = state.phase !== 'idle';
  const reason = pipelineModelReason(form.model, capabilities);
  const needsEngine = MODELS[form.model].runtime !== 'renderer';
  const canStart = !isBusy && reason === null && (isConnected || !needsEngine);
  const isForceNext = isBusy && state.stops > 0;
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  useFocusHandoff(isBusy, startRef, stopRef);
  const set =
    <K extends keyof PipelineForm>(key: K) =>
    (value: PipelineForm[K]) =>
      onFormChange((f) => ({ ...f, [key]: value }));

  return (
    <form
      className="controls"
      aria-label="Pipeline settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (canStart) onStart();
      }}
    >
      <fieldset className="control-group" disabled={isBusy}>
        <legend>Producer → queue → consumer</legend>
        <div className="field">
          <label htmlFor="pipeline-model">Model</label>
          <select
            id="pipeline-model"
            value={form.model}
            onChange={(event) => set('model')(event.target.value as PipelineForm['model'])}
            aria-describedby={reason ? 'pipeline-model-reason' : undefined}
          >
            {PIPELINE_MODEL_IDS.map((id) => {
              const unavailable = pipelineModelReason(id, capabilities);
              return (
                <option
                  key={id}
                  value={id}
                  disabled={unavailable !== null}
                  title={unavailable ?? undefined}
                >
                  {MODELS[id].label}
                </option>
              );
            })}
          </select>
          {reason && (
            <p className="field-problem" id="pipeline-model-reason">
              Unavailable: {reason}
            </p>
          )}
        </div>
        <StepSlider
          id="pipeline-producers"
          label="Producers"
          steps={PIPELINE_LIMITS.producers}
          value={form.producers}
          format={(n) => `${n} producer${n === 1 ? '' : 's'}`}
          isDisabled={isBusy}
          testId="pipeline-producers"
          onChange={set('producers')}
        />
        <StepSlider
          id="pipeline-consumers"
          label="Consumers"
          steps={PIPELINE_LIMITS.consumers}
          value={form.consumers}
          format={(n) => `${n} consumer${n === 1 ? '' : 's'}`}
          isDisabled={isBusy}
          testId="pipeline-consumers"
          onChange={set('consumers')}
        />
        <StepSlider
          id="pipeline-interval"
          label="Interval per producer"
          steps={INTERVAL_STEPS_MS}
          value={form.intervalMs}
          format={(ms) => (ms === 0 ? 'as fast as possible' : `${ms} ms`)}
          isDisabled={isBusy}
          testId="pipeline-interval"
          onChange={set('intervalMs')}
        />
        <StepSlider
          id="pipeline-capacity"
          label="Queue capacity"
          steps={CAPACITY_STEPS}
          value={form.capacity}
          format={(n) => `${formatCount(n)} event${n === 1 ? '' : 's'}`}
          isDisabled={isBusy}
          testId="pipeline-capacity"
          onChange={set('capacity')}
        />
        <StepSlider
          id="pipeline-work"
          label="Work per event"
          steps={WORK_STEPS}
          value={form.workPerEvent}
          format={describeWork}
          isDisabled={isBusy}
          testId="pipeline-work"
          onChange={set('workPerEvent')}
        />
        <div className="field">
          <label htmlFor="pipeline-duration">Stops after</label>
          <select
            id="pipeline-duration"
            value={form.durationS === null ? '' : String(form.durationS)}
            onChange={(event) =>
              set('durationS')(event.target.value === '' ? null : Number(event.target.value))
            }
          >
            {DURATION_CHOICES_S.map((seconds) => (
              <option key={seconds ?? 'never'} value={seconds === null ? '' : String(seconds)}>
                {seconds === null ? 'Stop is pressed' : `${seconds} s`}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <StartStopButtons
        startLabel="Start pipeline"
        startTestId="pipeline-start"
        stopTestId="pipeline-stop"
        startRef={startRef}
        stopRef={stopRef}
        isStartDisabled={!canStart}
        isStopDisabled={!isBusy}
        stopLabel={isForceNext ? 'Force stop' : 'Stop'}
        stopDescribedBy="pipeline-stop-hint"
        onStop={(event) => onStop(event.timeStamp)}
      />
      <p className="run-hint" id="pipeline-stop-hint">
        {isForceNext
          ? 'Force stop halts everyone now; what is still queued stays counted as left in the queue.'
          : 'Stop ends producers first and lets consumers drain the queue; a second press forces.'}
      </p>
      <StatusLine status={state.status} isError={state.isError} isBusy={isBusy} />
    </form>
  );
}
