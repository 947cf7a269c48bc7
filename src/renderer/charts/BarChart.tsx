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
import { ChartFrame } from './ChartFrame';
import { INDEX_AXIS_PROPS, VALUE_AXIS_PROPS } from './chart-axis';
import { chartTooltipContent } from './chart-tooltip-content';
import {
  defaultValueFormatter,
  hasSeriesValues,
  seriesMax,
  type BaseChartProps,
  type ChartRow,
} from './chart-types';

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
  axisFormat,
  axisFormatter = axisFormat ? axisFormat(seriesMax(data, series, isStacked)) : valueFormatter,
}: BarChartProps) {
  if (!hasSeriesValues(data, series)) return <ChartEmpty text={emptyText} height={height} />;
  const isAllZero = data.every((row) => series.every((s) => !row[s.key]));
  return (
    <ChartFrame ariaLabel={ariaLabel} series={series} showLegend={series.length > 1}>
      <RechartsBarChart
        responsive
        style={{ width: '100%', height }}
        data={data as ChartRow[]}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap="22%"
      >
        <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
        <XAxis {...INDEX_AXIS_PROPS} dataKey={index} interval={0} />
        <YAxis
          // Round ticks; an all-zero chart still gets a readable axis, not five ticks of "0".
          domain={isAllZero ? [0, 1] : [0, 'auto']}
          {...VALUE_AXIS_PROPS}
          tickFormatter={axisFormatter}
          width={68}
        />
        <Tooltip
          cursor={{ fill: 'var(--chart-cursor)' }}
          isAnimationActive={false}
          content={chartTooltipContent({ series, valueFormatter, rowColor })}
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
    </ChartFrame>
  );
}
