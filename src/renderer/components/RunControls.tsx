/** The control column: workload, models and their worker counts, Run/Stop, status, Sweep. */
import { useRef } from 'react';
import type { Capabilities } from '../../shared/lab-api';
import { MODEL_IDS, type ModelId } from '../../shared/models';
import {
  formProblems,
  modelUnavailableReason,
  runnableModels,
  type RunForm,
} from '../state/run-form';
import { useFocusHandoff } from '../hooks/use-focus-handoff';
import { ModelToggle } from './ModelToggle';
import { StatusLine } from './StatusLine';
import { SweepControls } from './SweepControls';
import { WorkloadPicker } from './WorkloadPicker';

export interface RunControlsProps {
  capabilities: Capabilities;
  form: RunForm;
  onFormChange: (update: (form: RunForm) => RunForm) => void;
  isBusy: boolean;
  isStopping: boolean;
  isConnected: boolean;
  status: string;
  isError: boolean;
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
        params={form.params[form.workloadId] ?? {}}
        taskCount={form.taskCounts[form.workloadId] ?? workload?.defaultTasks ?? 1}
        isDisabled={isBusy}
        onWorkloadChange={(id) => onFormChange((f) => ({ ...f, workloadId: id }))}
        onParamChange={(name, value) =>
          onFormChange((f) => ({
            ...f,
            params: { ...f.params, [f.workloadId]: { ...f.params[f.workloadId], [name]: value } },
          }))
        }
        onTaskCountChange={(count) =>
          onFormChange((f) => ({ ...f, taskCounts: { ...f.taskCounts, [f.workloadId]: count } }))
        }
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

      {/* Kept in view at the foot of the scrolling sidebar: Run is never below the fold. */}
      <div className="run-bar">
        <div className="run-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="run-button"
            ref={runRef}
            disabled={!canStart || models.length === 0}
          >
            Run {models.length > 0 ? `${models.length} model${models.length === 1 ? '' : 's'}` : ''}
          </button>
          <button
            type="button"
            className="button button-danger"
            data-testid="stop-button"
            ref={stopRef}
            disabled={!isBusy || isStopping}
            onClick={onStop}
          >
            Stop
          </button>
        </div>
        {runHint && !isBusy && <p className="run-hint">{runHint}</p>}
        <StatusLine status={status} isError={isError} isBusy={isBusy} />
      </div>

      <SweepControls
        model={form.sweepModel}
        maxWorkers={form.sweepMaxWorkers}
        limit={capabilities.maxWorkers}
        unavailable={reasons}
        isBusy={isBusy}
        canStart={canStart}
        onModelChange={(model) => onFormChange((f) => ({ ...f, sweepModel: model }))}
        onMaxWorkersChange={(workers) => onFormChange((f) => ({ ...f, sweepMaxWorkers: workers }))}
        onSweep={onSweep}
      />
    </form>
  );
}
