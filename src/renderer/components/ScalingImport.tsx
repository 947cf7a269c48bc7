/** A file input that fits anyone's measurements: a CSV of workers,throughput (or wallMs). */
import { useId, useState } from 'react';
import { errorMessage } from '../../shared/errors';
import { checkScalingCsvSize } from '../../shared/stats/scaling-csv';
import { importScalingCsv, type ImportedScaling } from '../state/scaling-view';

export interface ScalingImportProps {
  onImport: (imported: ImportedScaling) => void;
}

/** Reads the chosen file, refusing a bad one with the parser's message (which names the line). */
export function ScalingImport({ onImport }: ScalingImportProps) {
  const inputId = useId();
  const hintId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const onChange = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      checkScalingCsvSize(file.size, file.name);
      onImport(importScalingCsv(await file.text(), file.name));
      setProblem(null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      // Choosing the same file again after fixing it must fire change again.
      input.value = '';
    }
  };
  return (
    <div className="scaling-import">
      <label htmlFor={inputId}>Fit a CSV of your own</label>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv"
        aria-describedby={hintId}
        data-testid="scaling-import"
        onChange={(event) => void onChange(event)}
      />
      <p id={hintId} className="field-hint">
        A header row, then columns workers,throughput (or workers,wallMs); a round column allows
        several rows per worker count.
      </p>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
