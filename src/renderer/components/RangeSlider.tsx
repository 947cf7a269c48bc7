/** A native range input drawn the same in every theme, filled up to its value in a colour. */
import type { CSSProperties } from 'react';

export interface RangeSliderProps {
  id: string;
  min: number;
  max: number;
  value: number;
  /** The fill and thumb colour (a model's colour); the accent colour when absent. */
  color?: string;
  isDisabled?: boolean;
  ariaLabel?: string;
  ariaValueText: string;
  ariaDescribedBy?: string;
  testId?: string;
  onChange: (value: number) => void;
}

/** Keyboard and screen readers get the native slider; only its look is custom. */
export function RangeSlider({
  id,
  min,
  max,
  value,
  color,
  isDisabled = false,
  ariaLabel,
  ariaValueText,
  ariaDescribedBy,
  testId,
  onChange,
}: RangeSliderProps) {
  const fill = max > min ? ((value - min) / (max - min)) * 100 : 100;
  const style = {
    '--range-fill': `${fill}%`,
    ...(color ? { '--range-color': color } : {}),
  } as CSSProperties;
  return (
    <input
      id={id}
      className="range"
      type="range"
      min={min}
      max={max}
      step={1}
      value={value}
      disabled={isDisabled}
      aria-label={ariaLabel}
      aria-valuetext={ariaValueText}
      aria-describedby={ariaDescribedBy}
      data-testid={testId}
      style={style}
      onChange={(event) => onChange(Number(event.target.value))}
    />
  );
}
