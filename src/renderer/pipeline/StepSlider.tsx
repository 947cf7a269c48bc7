/** A labelled slider over a few chosen values (1, 2, 5, 10, …) or a plain integer range. */
import { RangeSlider } from '../components/RangeSlider';
import { stepIndex } from './pipeline-form';

export interface StepSliderProps {
  id: string;
  label: string;
  /** The values the slider stops at, ascending; or a min..max integer range. */
  steps: readonly number[] | { min: number; max: number };
  value: number;
  /** How the value reads, e.g. "5 ms" or "hand-off only". */
  format: (value: number) => string;
  isDisabled: boolean;
  testId: string;
  onChange: (value: number) => void;
}

/** The slider, its label and its value, read out in words to screen readers. */
export function StepSlider({
  id,
  label,
  steps,
  value,
  format,
  isDisabled,
  testId,
  onChange,
}: StepSliderProps) {
  const isList = Array.isArray(steps);
  const list = steps as readonly number[];
  const range = steps as { min: number; max: number };
  return (
    <div className="field pipeline-slider">
      <div className="pipeline-slider-head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="pipeline-slider-value">
          {format(value)}
        </output>
      </div>
      <RangeSlider
        id={id}
        min={isList ? 0 : range.min}
        max={isList ? list.length - 1 : range.max}
        value={isList ? stepIndex(list, value) : value}
        isDisabled={isDisabled}
        ariaValueText={format(value)}
        testId={testId}
        onChange={(position) => onChange(isList ? list[position]! : position)}
      />
    </div>
  );
}
