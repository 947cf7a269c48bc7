/** A saved live run's cores: which models ran on each, and for what part of the run. */
import { occupancyByCore } from '../../shared/core-occupancy';
import { formatPercent } from '../../shared/format';
import { MODELS } from '../../shared/models';
import type { CoreOccupant } from '../../shared/results';

export interface CoreOccupancyTableProps {
  coreSeries: readonly { cores: readonly number[]; occupants?: readonly (CoreOccupant | null)[] }[];
}

/** One row per core with its occupants' shares; says why when the snapshot names none. */
export function CoreOccupancyTable({ coreSeries }: CoreOccupancyTableProps) {
  const byCore = occupancyByCore(coreSeries);
  if (byCore === null) {
    return (
      <p className="chart-empty" data-testid="core-occupancy-none">
        This snapshot does not say which model ran on each core: it was saved before Corelab kept
        that, or on a system whose threads cannot be read.
      </p>
    );
  }
  return (
    <table className="results-table" data-testid="core-occupancy">
      <caption className="visually-hidden">
        The part of the run in which each model ran on each core
      </caption>
      <thead>
        <tr>
          <th scope="col">core</th>
          <th scope="col">ran on it</th>
        </tr>
      </thead>
      <tbody>
        {byCore.map((shares, core) => (
          <tr key={core} data-core={core}>
            <th scope="row">{core}</th>
            <td>
              {shares.length === 0
                ? 'none of the run’s workers'
                : shares.map(({ model, share }, k) => (
                    <span key={model} className="core-occupancy-share">
                      {k > 0 && ', '}
                      <span
                        className="core-occupancy-swatch"
                        style={{ background: MODELS[model].colour }}
                        aria-hidden="true"
                      />
                      {MODELS[model].label} {formatPercent(share)}
                    </span>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
