/** A labelled number input that shows what is wrong with its value, next to it. */
import { useEffect, useRef, useState } from 'react';

export interface NumberFieldProps {
  id: string;
  label: string;
  unit?: string;
  value: number;
  min: number;
  max: number;
  isInteger: boolean;
  /** What is wrong with the value, naming the allowed range; null when fine. */
  problem: string | null;
  isDisabled?: boolean;
  onChange: (value: number) => void;
}

/** Keeps the typed text (so "1e" or "" can be on the way to a number) and reports numbers. */
export function NumberField({
  id,
  label,
  unit,
  value,
  min,
  max,
  isInteger,
  problem,
  isDisabled = false,
  onChange,
}: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const inputRef = useRef<HTMLInputElement>(null);
  // A value set from outside (calibration's size) shows, unless the person is typing here.
  useEffect(() => {
    if (document.activeElement === inputRef.current) return;
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  const problemId = `${id}-problem`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {unit && <span className="field-unit"> ({unit})</span>}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="number"
        inputMode={isInteger ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={isInteger ? 1 : 'any'}
        value={text}
        disabled={isDisabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          setText(event.target.value);
          onChange(event.target.value.trim() === '' ? Number.NaN : Number(event.target.value));
        }}
      />
      {problem && (
        <p className="field-problem" id={problemId}>
          {problem}
        </p>
      )}
    </div>
  );
}
