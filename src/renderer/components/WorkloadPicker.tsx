/** The workload select with its size params and task count. */
import type { WorkloadSummary } from '../../shared/lab-api';
import type { WorkloadParams } from '../../shared/workloads/types';
import { paramProblem, taskCountProblem } from '../state/run-form';
import { MAX_TASKS } from '../../shared/run-config';
import { NumberField } from './NumberField';

export interface WorkloadPickerProps {
  workloads: readonly WorkloadSummary[];
  workloadId: string;
  params: WorkloadParams;
  taskCount: number;
  /** True when the size is the person's; false when calibration sizes the work. */
  isExplicitSize: boolean;
  isDisabled: boolean;
  onWorkloadChange: (id: string) => void;
  onParamChange: (name: string, value: number) => void;
  onTaskCountChange: (count: number) => void;
  /** Hands the size back to calibration. */
  onAutomaticSize: () => void;
}

const KIND_LABELS: Record<WorkloadSummary['kind'], string> = {
  cpu: 'CPU-bound',
  io: 'I/O-bound',
  mixed: 'CPU + I/O',
  fault: 'Fault injection',
};

/** Picks what every model will compute, and how much of it. */
export function WorkloadPicker({
  workloads,
  workloadId,
  params,
  taskCount,
  isExplicitSize,
  isDisabled,
  onWorkloadChange,
  onParamChange,
  onTaskCountChange,
  onAutomaticSize,
}: WorkloadPickerProps) {
  const workload = workloads.find((w) => w.id === workloadId);
  return (
    <fieldset className="control-group" disabled={isDisabled}>
      <legend>What to compute</legend>
      <div className="field">
        <label htmlFor="workload">Workload</label>
        <select
          id="workload"
          value={workloadId}
          onChange={(event) => onWorkloadChange(event.target.value)}
        >
          {workloads.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label} · {KIND_LABELS[w.kind]}
            </option>
          ))}
        </select>
        {workload && <p className="field-hint">{workload.description}</p>}
      </div>
      {workload && (
        <div className="field-grid">
          {workload.params.map((spec) => {
            const value = params[spec.name] ?? spec.default;
            return (
              <NumberField
                key={`${workload.id}.${spec.name}`}
                id={`param-${workload.id}-${spec.name}`}
                label={spec.label}
                unit={spec.unit}
                value={value}
                min={spec.min}
                max={spec.max}
                isInteger={spec.isInteger}
                problem={paramProblem(spec, value)}
                onChange={(next) => onParamChange(spec.name, next)}
              />
            );
          })}
          <NumberField
            key={`${workload.id}.tasks`}
            id={`tasks-${workload.id}`}
            label="Tasks"
            value={taskCount}
            min={1}
            max={MAX_TASKS}
            isInteger
            problem={taskCountProblem(taskCount)}
            onChange={onTaskCountChange}
          />
        </div>
      )}
      {workload && (
        <div className="size-mode" data-testid="size-mode">
          {isExplicitSize ? (
            <>
              <p className="field-hint">Your own size: the run does exactly this much work.</p>
              <button
                type="button"
                className="button button-small button-quiet"
                data-testid="automatic-size"
                onClick={onAutomaticSize}
              >
                Size automatically
              </button>
            </>
          ) : (
            <p className="field-hint">
              Sized to this machine by a short calibration before the run; type a value to set your
              own.
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
