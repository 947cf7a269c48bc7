/** One model in the controls: its toggle, and its worker-count slider, or why it cannot run. */
import { MODELS, type ModelId } from '../../shared/models';
import { MODEL_COLORS } from '../charts/model-colors';
import { RangeSlider } from './RangeSlider';

export interface ModelToggleProps {
  model: ModelId;
  isSelected: boolean;
  workers: number;
  maxWorkers: number;
  /** Why the model cannot run here, or null when it can. */
  unavailableReason: string | null;
  isDisabled: boolean;
  onSelectedChange: (isSelected: boolean) => void;
  onWorkersChange: (workers: number) => void;
}

/** What a model's worker count counts: tasks in flight on one thread, or workers. */
export function workerNoun(model: ModelId): string {
  // Python's threads are real threads, just not parallel for CPU work under the GIL.
  if (model === 'python-threading') return 'threads';
  return MODELS[model].isParallel ? 'workers' : 'tasks in flight';
}

/** A checkbox with the model's colour and name, and a 1..maxWorkers slider. */
export function ModelToggle({
  model,
  isSelected,
  workers,
  maxWorkers,
  unavailableReason,
  isDisabled,
  onSelectedChange,
  onWorkersChange,
}: ModelToggleProps) {
  const info = MODELS[model];
  const isUnavailable = unavailableReason !== null;
  const sliderId = `workers-${model}`;
  return (
    <li className={isUnavailable ? 'model-row is-unavailable' : 'model-row'}>
      <label className="model-check">
        <input
          type="checkbox"
          checked={isSelected && !isUnavailable}
          disabled={isDisabled || isUnavailable}
          onChange={(event) => onSelectedChange(event.target.checked)}
          aria-describedby={isUnavailable ? `${model}-reason` : undefined}
          data-model={model}
        />
        <span
          className="model-dot"
          style={{ backgroundColor: MODEL_COLORS[model] }}
          aria-hidden="true"
        />
        <span className="model-name">{info.label}</span>
      </label>
      {isUnavailable ? (
        <p className="model-reason" id={`${model}-reason`}>
          Unavailable: {unavailableReason}
        </p>
      ) : (
        <div className="model-workers">
          <RangeSlider
            id={sliderId}
            min={1}
            max={maxWorkers}
            value={workers}
            color={MODEL_COLORS[model]}
            isDisabled={isDisabled}
            ariaLabel={`${info.label}: ${workerNoun(model)}`}
            ariaValueText={`${workers} ${workerNoun(model)}`}
            testId={`worker-slider-${model}`}
            onChange={onWorkersChange}
          />
          <output htmlFor={sliderId} className="model-workers-value">
            {workers}
            <span className="model-workers-noun"> {workerNoun(model)}</span>
          </output>
        </div>
      )}
    </li>
  );
}
