/**
 * Live mode's controls: workload, models with sliders that stay live while the run goes,
 * the task size, Start/Stop and "Ramp 1…K".
 */
import { useRef } from 'react';
import type { Capabilities } from '../../shared/lab-api';
import { MODEL_IDS, type ModelId } from '../../shared/models';
import { ModelToggle } from '../components/ModelToggle';
import { StatusLine } from '../components/StatusLine';
import { useFocusHandoff } from '../hooks/use-focus-handoff';
import { StepSlider } from '../pipeline/StepSlider';
import {
  formatTaskUs,
  liveModelReason,
  liveModels,
  liveWorkloads,
  RAMP_STEP_CHOICES_S,
  TASK_US_STEPS,
  type LiveForm,
} from './live-form';
import type { LiveState } from './live-state';
import './live.css';
import { StartStopButtons } from '../components/StartStopButtons';

export interface LiveControlsProps {
  capabilities: Capabilities;
  form: LiveForm;
  onFormChange: (update: (form: LiveForm) => LiveForm) => void;
  state: LiveState;
  isConnected: boolean;
  onStart: (models: ModelId[], isRamp: boolean) => void;
  onWorkersChange: (model: ModelId, workers: number) => void;
  onTaskSizeChange: (taskUs: number) => void;
  onStop: () => void;
}

/** Everything a person sets before Start, and steers while the live run goes. */
export function LiveControls({
  capabilities,
  form,
  onFormChange,
  state,
  isConnected,
  onStart,
  onWorkersChange,
  onTaskSizeChange,
  onStop,
}: LiveControlsProps) {
  const isBusy = state.phase !== 'idle';
  const isRamp = isBusy && state.config?.ramp !== undefined;
  const workloads = liveWorkloads(capabilities);
  const workload = workloads.find((w) => w.id === form.workloadId);
  const reasons = Object.fromEntries(
    MODEL_IDS.map((id) => [id, liveModelReason(id, capabilities, workload)]),
  ) as Record<ModelId, string | null>;
  const models = liveModels(form, reasons);
  const canStart = isConnected && !isBusy && models.length > 0 && workload !== undefined;
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  useFocusHandoff(isBusy, startRef, stopRef);
  const running = (model: ModelId) => state.models.find((m) => m.model === model);
  const taskUs = isBusy ? state.taskUs : form.taskUs;

  return (
    <form
      className="controls"
      aria-label="Live settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (canStart) onStart(models, false);
      }}
    >
      <fieldset className="control-group" disabled={isBusy}>
        <legend>What to compute</legend>
        <div className="field">
          <label htmlFor="live-workload">Workload</label>
          <select
            id="live-workload"
            value={form.workloadId}
            onChange={(event) => onFormChange((f) => ({ ...f, workloadId: event.target.value }))}
          >
            {workloads.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
          <p className="field-hint">
            Work that never runs out, cut into tasks of the size below: each model pulls the next
            task as soon as a worker is free.
          </p>
        </div>
      </fieldset>

      {/* Not disabled as a whole while running: the sliders of the running models stay live. */}
      <fieldset className="control-group">
        <legend>Models and their workers</legend>
        <ul className="model-list">
          {MODEL_IDS.map((id) => {
            const entry = running(id);
            return (
              <ModelToggle
                key={id}
                model={id}
                idPrefix="live-"
                isSelected={form.selected[id]}
                workers={entry?.workers ?? form.workers[id]}
                maxWorkers={capabilities.maxWorkers}
                unavailableReason={reasons[id]}
                isDisabled={isBusy}
                // Live in a run for the models in it, except while a ramp sets the counts.
                isSliderDisabled={isBusy && (!entry || isRamp)}
                problem={entry?.problem ?? null}
                onSelectedChange={(isSelected) =>
                  onFormChange((f) => ({ ...f, selected: { ...f.selected, [id]: isSelected } }))
                }
                onWorkersChange={(workers) => {
                  onFormChange((f) => ({ ...f, workers: { ...f.workers, [id]: workers } }));
                  if (entry) onWorkersChange(id, workers);
                }}
              />
            );
          })}
        </ul>
        {isRamp && <p className="run-hint">The ramp sets the worker counts; Stop ends it early.</p>}
      </fieldset>

      <div className="control-group">
        <StepSlider
          id="live-task-size"
          label="Task size (work per task)"
          steps={TASK_US_STEPS}
          value={taskUs}
          format={formatTaskUs}
          isDisabled={false}
          testId="live-task-size"
          onChange={(us) => {
            onFormChange((f) => ({ ...f, taskUs: us }));
            if (isBusy) onTaskSizeChange(us);
          }}
        />
        <p className="field-hint">
          Tiny tasks let messaging and scheduling eat the gain; big ones let threads and processes
          shine.
        </p>
      </div>

      <div className="run-bar">
        <StartStopButtons
          startLabel="Start live"
          startTestId="live-start"
          stopTestId="live-stop"
          startRef={startRef}
          stopRef={stopRef}
          isStartDisabled={!canStart}
          isStopDisabled={!isBusy || state.phase === 'stopping'}
          onStop={onStop}
        />
        {!isBusy && models.length === 0 && (
          <p className="run-hint">Select at least one model that can run live</p>
        )}
        <StatusLine status={state.status} isError={state.isError} isBusy={isBusy} />
      </div>

      <fieldset className="control-group" disabled={isBusy}>
        <legend>Ramp</legend>
        <StepSlider
          id="live-ramp-to"
          label="Up to"
          steps={{ min: 2, max: Math.max(2, capabilities.maxWorkers) }}
          value={form.rampTo}
          format={(n) => `${n} workers`}
          isDisabled={isBusy}
          testId="live-ramp-to"
          onChange={(rampTo) => onFormChange((f) => ({ ...f, rampTo }))}
        />
        <div className="field">
          <label htmlFor="live-ramp-step">Seconds per step</label>
          <select
            id="live-ramp-step"
            value={String(form.rampStepS)}
            onChange={(event) =>
              onFormChange((f) => ({ ...f, rampStepS: Number(event.target.value) }))
            }
          >
            {RAMP_STEP_CHOICES_S.map((s) => (
              <option key={s} value={String(s)}>
                {s} s
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button-secondary button-wide"
          data-testid="live-ramp"
          disabled={!canStart}
          onClick={() => onStart(models, true)}
        >
          Ramp 1…{form.rampTo}
        </button>
        <p className="field-hint">
          One warm pool steps through 1…{form.rampTo} workers, {form.rampStepS} s each, without a
          restart between points.
        </p>
      </fieldset>
    </form>
  );
}
