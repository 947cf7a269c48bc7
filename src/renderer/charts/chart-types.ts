/** The props every Corelab chart shares (STYLE.md §8): data-shaped, formatter-driven. */

/** One row of chart data: the index value plus one number (or null) per series. */
export type ChartRow = Record<string, string | number | null>;

/** One plotted series. */
export interface ChartSeries {
  /** The row field holding this series' values. */
  key: string;
  label: string;
  color: string;
  /** Drawn dashed: fitted or ideal curves, as opposed to measurements. */
  isDashed?: boolean;
}

/** Props common to every chart wrapper. */
export interface BaseChartProps {
  data: readonly ChartRow[];
  /** The row field that labels each row (the x axis of a bar chart). */
  index: string;
  series: readonly ChartSeries[];
  /** Formats values on the axis and in the tooltip; numbers come from src/shared/format. */
  valueFormatter?: (value: number) => string;
  /**
   * The value axis's tick format, given the largest value it shows (src/shared/format's
   * durationAxisFormat, bytesAxisFormat), so that one axis says one unit; by default the
   * axis uses valueFormatter.
   */
  axisFormat?: (maxValue: number) => (value: number) => string;
  /** Plot height in px. */
  height?: number;
  /** What the chart shows, for screen readers and as its title attribute. */
  ariaLabel: string;
  /** Said in place of the chart when there is nothing to draw. */
  emptyText?: string;
}

/** Plain number formatting for charts that are given none. */
export function defaultValueFormatter(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Whether any row holds a number for any of the series: false means draw the empty state. */
export function hasSeriesValues(
  data: readonly ChartRow[],
  series: readonly ChartSeries[],
): boolean {
  return data.some((row) => series.some((s) => typeof row[s.key] === 'number'));
}

/** The largest value a value axis shows: of any series, or of each row's sum when stacked. */
export function seriesMax(
  data: readonly ChartRow[],
  series: readonly ChartSeries[],
  isStacked = false,
): number {
  let max = 0;
  for (const row of data) {
    const values = series.map((s) => row[s.key]).filter((v): v is number => typeof v === 'number');
    const top = isStacked ? values.reduce((sum, v) => sum + v, 0) : Math.max(0, ...values);
    max = Math.max(max, top);
  }
  return max;
}
