/** The tooltip every chart shares: the row's label, then one line per series with its value. */
import type { ChartSeries } from './chart-types';

/** The part of recharts' tooltip payload this tooltip reads. */
interface TooltipItem {
  dataKey?: unknown;
  value?: unknown;
}

export interface ChartTooltipProps {
  active?: boolean;
  label?: string | number;
  payload?: readonly TooltipItem[];
  series: readonly ChartSeries[];
  valueFormatter: (value: number) => string;
  labelFormatter?: (label: string | number) => string;
  /** Overrides the series colours (a bar chart coloured by row, one colour per model). */
  swatchColor?: string;
}

/** Renders recharts' hover state in Corelab's style; nothing while inactive. */
export function ChartTooltip({
  active,
  label,
  payload,
  series,
  valueFormatter,
  labelFormatter,
  swatchColor,
}: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0) return null;
  const rows = series
    .map((s) => ({ s, value: payload.find((item) => item.dataKey === s.key)?.value }))
    .filter((row): row is { s: ChartSeries; value: number } => typeof row.value === 'number');
  if (rows.length === 0) return null;
  return (
    <div className="chart-tooltip">
      {label !== undefined && (
        <div className="chart-tooltip-label">{labelFormatter ? labelFormatter(label) : label}</div>
      )}
      {rows.map(({ s, value }) => (
        <div className="chart-tooltip-row" key={s.key}>
          <span
            className="legend-swatch"
            style={{ backgroundColor: swatchColor ?? s.color, borderColor: swatchColor ?? s.color }}
          />
          <span className="chart-tooltip-name">{s.label}</span>
          <span className="chart-tooltip-value">{valueFormatter(value)}</span>
        </div>
      ))}
    </div>
  );
}
