/** Corelab's live line chart over time: no dots, no animation, an optional limit line. */
import {
  CartesianGrid,
  Line,
  LineChart as RechartsLineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartEmpty } from './ChartEmpty';
import { ChartFrame } from './ChartFrame';
import { AXIS_LABEL_STYLE, NUMERIC_INDEX_AXIS_PROPS, VALUE_AXIS_PROPS } from './chart-axis';
import { chartTooltipContent } from './chart-tooltip-content';
import {
  defaultValueFormatter,
  hasSeriesValues,
  seriesMax,
  type BaseChartProps,
  type ChartRow,
} from './chart-types';

export interface TimeSeriesChartProps extends BaseChartProps {
  /** Formats the index (seconds since start) in ticks and the tooltip. */
  xFormatter: (value: number) => string;
  /** Ticks to show on the time axis (round seconds, not every sample). */
  xTicks?: readonly number[];
  /** A horizontal line the series must stay under (a queue's capacity), with its label. */
  limit?: { value: number; label: string };
}

/** A line per series against time, redrawn as samples arrive. */
export function TimeSeriesChart({
  data,
  index,
  series,
  valueFormatter = defaultValueFormatter,
  height = 170,
  ariaLabel,
  emptyText = 'Waiting for samples',
  xFormatter,
  xTicks,
  limit,
  axisFormat,
}: TimeSeriesChartProps) {
  if (!hasSeriesValues(data, series)) return <ChartEmpty text={emptyText} height={height} />;
  const axisFormatter = axisFormat
    ? axisFormat(Math.max(seriesMax(data, series), limit?.value ?? 0))
    : valueFormatter;
  return (
    <ChartFrame ariaLabel={ariaLabel} series={series}>
      <RechartsLineChart
        responsive
        style={{ width: '100%', height }}
        data={data as ChartRow[]}
        margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis
          {...NUMERIC_INDEX_AXIS_PROPS}
          dataKey={index}
          ticks={xTicks as number[] | undefined}
          tickFormatter={xFormatter}
          minTickGap={28}
        />
        <YAxis
          {...VALUE_AXIS_PROPS}
          tickFormatter={axisFormatter}
          width={64}
          domain={limit ? [0, (max: number) => Math.max(max, limit.value)] : [0, 'auto']}
        />
        {limit && (
          <ReferenceLine
            y={limit.value}
            stroke="var(--text-faint)"
            strokeDasharray="4 4"
            label={{ value: limit.label, position: 'insideTopRight', ...AXIS_LABEL_STYLE }}
          />
        )}
        <Tooltip
          isAnimationActive={false}
          content={chartTooltipContent({
            series,
            valueFormatter,
            labelFormatter: (label) => xFormatter(Number(label)),
          })}
        />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.isDashed ? '5 4' : undefined}
            dot={false}
            activeDot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
            type="monotone"
          />
        ))}
      </RechartsLineChart>
    </ChartFrame>
  );
}
