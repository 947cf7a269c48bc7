/** The control column: workload, models and their worker counts, Run/Stop, status, Sweep. */
import { useRef } from 'react';
import type { Capabilities } from '../../shared/lab-api';
import { MODEL_IDS, type ModelId } from '../../shared/models';
import { MAX_ROUNDS } from '../../shared/run-config';
import type { EstimateState } from '../hooks/use-run-estimate';
import {
  formProblems,
  modelUnavailableReason,
  roundsProblem,
  runnableModels,
  shownSize,
  withAutomaticSize,
  withSizeChange,
  type RunForm,
} from '../state/run-form';
import { useFocusHandoff } from '../hooks/use-focus-handoff';
import { ModelToggle } from './ModelToggle';
import { NumberField } from './NumberField';
import { RunEstimateLine } from './RunEstimateLine';
import '../measurement.css';
import { StatusLine } from './StatusLine';
import { SweepControls } from './SweepControls';
import { WorkloadPicker } from './WorkloadPicker';
import { StartStopButtons } from './StartStopButtons';

export interface RunControlsProps {
  capabilities: Capabilities;
  form: RunForm;
  onFormChange: (update: (form: RunForm) => RunForm) => void;
  isBusy: boolean;
  isStopping: boolean;
  isConnected: boolean;
  status: string;
  isError: boolean;
  /** The estimate of the run the form describes. */
  estimate: EstimateState;
  /** Whether the page draws less while a run is measured. */
  isQuiet: boolean;
  onQuietChange: (isQuiet: boolean) => void;
  onRun: (models: ModelId[]) => void;
  onStop: () => void;
  onSweep: () => void;
}

/** Everything a person sets before pressing Run or Sweep. */
export function RunControls({
  capabilities,
  form,
  onFormChange,
  isBusy,
  isStopping,
  isConnected,
  status,
  isError,
  estimate,
  isQuiet,
  onQuietChange,
  onRun,
  onStop,
  onSweep,
}: RunControlsProps) {
  const workload = capabilities.workloads.find((w) => w.id === form.workloadId);
  const reasons = Object.fromEntries(
    MODEL_IDS.map((id) => [id, modelUnavailableReason(id, capabilities, workload)]),
  ) as Record<ModelId, string | null>;
  const models = runnableModels(form, capabilities, workload);
  const problems = formProblems(form, workload);
  const canStart = isConnected && !isBusy && problems.length === 0;
  const runRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  useFocusHandoff(isBusy, runRef, stopRef);
  const size = shownSize(form, workload, estimate.status === 'known' ? estimate.estimate : null);
  const runHint =
    problems[0] ?? (models.length === 0 ? 'Select at least one model to compare' : null);

  return (
    <form
      className="controls"
      aria-label="Run settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (canStart && models.length > 0) onRun(models);
      }}
    >
      <WorkloadPicker
        workloads={capabilities.workloads}
        workloadId={form.workloadId}
        params={size.params}
        taskCount={size.taskCount}
        isExplicitSize={size.isExplicit}
        isDisabled={isBusy}
        onWorkloadChange={(id) => onFormChange((f) => ({ ...f, workloadId: id }))}
        onParamChange={(name, value) =>
          onFormChange((f) => withSizeChange(f, size, { param: name, value }))
        }
        onTaskCountChange={(count) =>
          onFormChange((f) => withSizeChange(f, size, { taskCount: count }))
        }
        onAutomaticSize={() => onFormChange((f) => withAutomaticSize(f, workload))}
      />

      <fieldset className="control-group" disabled={isBusy}>
        <legend>Models to compare</legend>
        <ul className="model-list">
          {MODEL_IDS.map((id) => (
            <ModelToggle
              key={id}
              model={id}
              isSelected={form.selected[id]}
              workers={form.workers[id]}
              maxWorkers={capabilities.maxWorkers}
              unavailableReason={reasons[id]}
              isDisabled={isBusy}
              onSelectedChange={(isSelected) =>
                onFormChange((f) => ({ ...f, selected: { ...f.selected, [id]: isSelected } }))
              }
              onWorkersChange={(workers) =>
                onFormChange((f) => ({ ...f, workers: { ...f.workers, [id]: workers } }))
              }
            />
          ))}
        </ul>
      </fieldset>

      <div className="field-grid">
        <NumberField
          id="run-rounds"
          label="Rounds"
          value={form.rounds}
          min={1}
          max={MAX_ROUNDS}
          isInteger
          isDisabled={isBusy}
          problem={roundsProblem(form.rounds)}
          onChange={(rounds) => onFormChange((f) => ({ ...f, rounds }))}
        />
      </div>
      <label className="check-field">
        <input
          type="checkbox"
          checked={isQuiet}
          data-testid="quiet-while-measuring"
          onChange={(event) => onQuietChange(event.target.checked)}
        />
        Quiet while measuring
        <span className="field-hint">
          Redraws the live view less often during a run, so the page takes less CPU from it.
        </span>
      </label>

      {/* Kept in view at the foot of the scrolling sidebar: Run is never below the fold. */}
      <div className="run-bar">
        <StartStopButtons
          startLabel={`Run ${models.length > 0 ? `${models.length} model${models.length === 1 ? '' : 's'}` : ''}`}
          startTestId="run-button"
          stopTestId="stop-button"
          startRef={runRef}
          stopRef={stopRef}
          isStartDisabled={!canStart || models.length === 0}
          isStopDisabled={!isBusy || isStopping}
          onStop={onStop}
        />
        {runHint && !isBusy && <p className="run-hint">{runHint}</p>}
        {!runHint && !isBusy && (
          <RunEstimateLine
            state={estimate}
            onUseSmallerSize={() => onFormChange((f) => withAutomaticSize(f, workload))}
          />
        )}
        <StatusLine status={status} isError={isError} isBusy={isBusy} />
      </div>

      <SweepControls
        model={form.sweepModel}
        maxWorkers={form.sweepMaxWorkers}
        rounds={form.sweepRounds}
        limit={capabilities.maxWorkers}
        unavailable={reasons}
        isBusy={isBusy}
        canStart={canStart}
        onModelChange={(model) => onFormChange((f) => ({ ...f, sweepModel: model }))}
        onMaxWorkersChange={(workers) => onFormChange((f) => ({ ...f, sweepMaxWorkers: workers }))}
        onRoundsChange={(rounds) => onFormChange((f) => ({ ...f, sweepRounds: rounds }))}
        onSweep={onSweep}
      />
    </form>
  );
}
