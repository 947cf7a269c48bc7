/** One model in the controls: its toggle, and its worker-count slider, or why it cannot run. */
import { MODELS, describeWorkers, workerNoun, type ModelId } from '../../shared/models';
import { RangeSlider } from './RangeSlider';

export interface ModelToggleProps {
  model: ModelId;
  isSelected: boolean;
  workers: number;
  maxWorkers: number;
  /** Why the model cannot run here, or null when it can. */
  unavailableReason: string | null;
  isDisabled: boolean;
  /** Whether the slider is locked; defaults to isDisabled (live mode keeps it live in a run). */
  isSliderDisabled?: boolean;
  /** Why the last move of the slider was refused, shown under it; null when none. */
  problem?: string | null;
  /** Prefix of the slider's id and test id, so each mode's sliders are told apart. */
  idPrefix?: string;
  onSelectedChange: (isSelected: boolean) => void;
  onWorkersChange: (workers: number) => void;
}

/** A checkbox with the model's colour, name and what it is, and a 1..maxWorkers slider. */
export function ModelToggle({
  model,
  isSelected,
  workers,
  maxWorkers,
  unavailableReason,
  isDisabled,
  isSliderDisabled = isDisabled,
  problem = null,
  idPrefix = '',
  onSelectedChange,
  onWorkersChange,
}: ModelToggleProps) {
  const info = MODELS[model];
  const isUnavailable = unavailableReason !== null;
  const sliderId = `${idPrefix}workers-${model}`;
  const summaryId = `${idPrefix}${model}-summary`;
  const reasonId = `${idPrefix}${model}-reason`;
  const problemId = `${idPrefix}${model}-problem`;
  return (
    <li className={isUnavailable ? 'model-row is-unavailable' : 'model-row'}>
      <label className="model-check">
        <input
          type="checkbox"
          checked={isSelected && !isUnavailable}
          disabled={isDisabled || isUnavailable}
          onChange={(event) => onSelectedChange(event.target.checked)}
          aria-describedby={isUnavailable ? `${summaryId} ${reasonId}` : summaryId}
          data-model={model}
        />
        <span
          className="model-dot"
          style={{ backgroundColor: MODELS[model].colour }}
          aria-hidden="true"
        />
        <span className="model-name">{info.label}</span>
      </label>
      <p className="model-summary" id={summaryId}>
        {info.summary}
      </p>
      {isUnavailable ? (
        <p className="model-reason" id={reasonId}>
          Unavailable: {unavailableReason}
        </p>
      ) : (
        <div className="model-workers">
          <RangeSlider
            id={sliderId}
            min={1}
            max={maxWorkers}
            value={workers}
            color={MODELS[model].colour}
            isDisabled={isSliderDisabled}
            ariaLabel={`${info.label}: ${workerNoun(model, 2)}`}
            ariaValueText={describeWorkers(model, workers)}
            testId={`${idPrefix}worker-slider-${model}`}
            ariaDescribedBy={problem ? problemId : undefined}
            onChange={onWorkersChange}
          />
          <output htmlFor={sliderId} className="model-workers-value">
            {workers}
            <span className="model-workers-noun"> {workerNoun(model, workers)}</span>
          </output>
        </div>
      )}
      {problem && (
        <p className="field-problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
