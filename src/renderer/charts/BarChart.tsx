/** Corelab's bar chart: one bar per row and series, coloured per series or per row. */
import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  Cell,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartEmpty } from './ChartEmpty';
import { ChartLegend } from './ChartLegend';
import { ChartTooltip } from './ChartTooltip';
import { defaultValueFormatter, type BaseChartProps, type ChartRow } from './chart-types';

export interface BarChartProps extends BaseChartProps {
  /** Colours each bar by its row (one colour per model) instead of by series. */
  rowColor?: (row: ChartRow) => string;
  /** Stacks the series into one bar per row (start-up + work = wall time). */
  isStacked?: boolean;
  /** Formats the y axis' ticks, when they need to be shorter than the tooltip's values. */
  axisFormatter?: (value: number) => string;
}

/** A bar chart with Corelab's axes, tooltip, legend and empty state. */
export function BarChart({
  data,
  index,
  series,
  valueFormatter = defaultValueFormatter,
  height = 200,
  ariaLabel,
  emptyText = 'No results yet',
  rowColor,
  isStacked = false,
  axisFormatter = valueFormatter,
}: BarChartProps) {
  const hasValues = data.some((row) => series.some((s) => typeof row[s.key] === 'number'));
  if (!hasValues) return <ChartEmpty text={emptyText} height={height} />;
  const showLegend = series.length > 1;
  const isAllZero = data.every((row) => series.every((s) => !row[s.key]));
  return (
    <figure className="chart" aria-label={ariaLabel} title={ariaLabel}>
      {showLegend && <ChartLegend series={series} />}
      <RechartsBarChart
        responsive
        style={{ width: '100%', height }}
        data={data as ChartRow[]}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap="22%"
      >
        <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
        <XAxis
          dataKey={index}
          tickLine={false}
          axisLine={{ stroke: 'var(--chart-grid)' }}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          interval={0}
        />
        <YAxis
          // Round ticks; an all-zero chart still gets a readable axis, not five ticks of "0".
          domain={isAllZero ? [0, 1] : [0, 'auto']}
          tickFormatter={axisFormatter}
          tickLine={false}
          axisLine={false}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          width={68}
        />
        <Tooltip
          cursor={{ fill: 'var(--chart-cursor)' }}
          isAnimationActive={false}
          content={(props) => (
            <ChartTooltip
              active={props.active}
              label={props.label}
              payload={props.payload}
              series={series}
              valueFormatter={valueFormatter}
              swatchColor={
                rowColor && props.payload?.[0]
                  ? rowColor(props.payload[0].payload as ChartRow)
                  : undefined
              }
            />
          )}
        />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={s.color}
            stackId={isStacked ? 'stack' : undefined}
            isAnimationActive={false}
            maxBarSize={56}
            radius={!isStacked || i === series.length - 1 ? [3, 3, 0, 0] : 0}
          >
            {rowColor &&
              data.map((row, rowIndex) => (
                <Cell
                  key={rowIndex}
                  fill={rowColor(row)}
                  fillOpacity={isStacked && i < series.length - 1 ? 0.45 : 1}
                />
              ))}
          </Bar>
        ))}
      </RechartsBarChart>
    </figure>
  );
}
