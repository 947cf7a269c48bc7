/** The legend every multi-series chart shares: swatches above the plot, dashed for fits. */
import type { ChartSeries } from './chart-types';

export interface ChartLegendProps {
  series: readonly ChartSeries[];
}

/** A row of series swatches with labels. */
export function ChartLegend({ series }: ChartLegendProps) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <span
            className={s.isDashed ? 'legend-swatch legend-swatch-dashed' : 'legend-swatch'}
            style={{ borderColor: s.color, backgroundColor: s.isDashed ? 'transparent' : s.color }}
            aria-hidden="true"
          />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
