/** The sweep controls: one model, workers 1..K, and the Sweep button. */
import { MODEL_IDS, MODELS, type ModelId } from '../../shared/models';
import { MAX_ROUNDS } from '../../shared/run-config';
import { roundsProblem } from '../state/run-form';
import { NumberField } from './NumberField';
import { RangeSlider } from './RangeSlider';

export interface SweepControlsProps {
  model: ModelId;
  maxWorkers: number;
  /** Rounds at each worker count. */
  rounds: number;
  /** The largest K the slider offers. */
  limit: number;
  /** Why each model cannot be swept here; absent or null when it can. */
  unavailable: Partial<Record<ModelId, string | null>>;
  isBusy: boolean;
  canStart: boolean;
  onModelChange: (model: ModelId) => void;
  onMaxWorkersChange: (workers: number) => void;
  onRoundsChange: (rounds: number) => void;
  onSweep: () => void;
}

/** Measures one model at 1, 2, … K workers to draw its speedup curve. */
export function SweepControls({
  model,
  maxWorkers,
  rounds,
  limit,
  unavailable,
  isBusy,
  canStart,
  onModelChange,
  onMaxWorkersChange,
  onRoundsChange,
  onSweep,
}: SweepControlsProps) {
  const isModelUnavailable = Boolean(unavailable[model]);
  return (
    <fieldset className="control-group" disabled={isBusy}>
      <legend>Sweep</legend>
      <div className="field">
        <label htmlFor="sweep-model">Model to sweep</label>
        <select
          id="sweep-model"
          value={model}
          onChange={(event) => onModelChange(event.target.value as ModelId)}
        >
          {MODEL_IDS.map((id) => (
            <option key={id} value={id} disabled={Boolean(unavailable[id])}>
              {MODELS[id].label}
              {unavailable[id] ? ' (unavailable)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="sweep-max">
          Up to <strong>{maxWorkers}</strong> workers
        </label>
        <RangeSlider
          id="sweep-max"
          min={1}
          max={limit}
          value={maxWorkers}
          ariaValueText={`1 to ${maxWorkers} workers`}
          testId="sweep-max-slider"
          onChange={onMaxWorkersChange}
        />
      </div>
      <NumberField
        id="sweep-rounds"
        label="Rounds per worker count"
        value={rounds}
        min={1}
        max={MAX_ROUNDS}
        isInteger
        problem={roundsProblem(rounds)}
        onChange={onRoundsChange}
      />
      <button
        type="button"
        className="button button-secondary button-wide"
        data-testid="sweep-button"
        disabled={!canStart || isModelUnavailable}
        onClick={onSweep}
      >
        Sweep 1…{maxWorkers} workers
      </button>
    </fieldset>
  );
}
