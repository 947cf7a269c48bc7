/**
 * Corelab's live line chart over time: no dots, no animation, an optional limit line and
 * marks at moments (a resize).
 */
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

/** A moment marked on the time axis by a vertical line and a short label. */
export interface TimeMarker {
  x: number;
  label: string;
}

export interface TimeSeriesChartProps extends BaseChartProps {
  /** Formats the index (seconds since start) in ticks and the tooltip. */
  xFormatter: (value: number) => string;
  /** Ticks to show on the time axis (round seconds, not every sample). */
  xTicks?: readonly number[];
  /** A horizontal line the series must stay under (a queue's capacity), with its label. */
  limit?: { value: number; label: string };
  /** Vertical marks at moments of the time axis (a resize). */
  markers?: readonly TimeMarker[];
  /** 'stepAfter' draws a value that holds until the next one (a worker count). */
  curve?: 'monotone' | 'stepAfter';
  /** Fixes the value axis's range (e.g. from 0 to the largest worker count). */
  yDomain?: [number, number];
  /** Values are counts: the value axis has whole-number ticks only (within yDomain). */
  isWholeNumbers?: boolean;
}

/** At most five whole-number ticks from `from` to `to`. */
function wholeTicks([from, to]: [number, number]): number[] {
  const step = Math.max(1, Math.ceil((to - from) / 4));
  const ticks: number[] = [];
  for (let tick = Math.ceil(from); tick <= to; tick += step) ticks.push(tick);
  return ticks;
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
  markers = [],
  curve = 'monotone',
  yDomain,
  isWholeNumbers = false,
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
          domain={
            yDomain ?? (limit ? [0, (max: number) => Math.max(max, limit.value)] : [0, 'auto'])
          }
          allowDecimals={!isWholeNumbers}
          ticks={isWholeNumbers && yDomain ? wholeTicks(yDomain) : undefined}
        />
        {markers.map((marker) => (
          <ReferenceLine
            key={`${marker.x}-${marker.label}`}
            x={marker.x}
            stroke="var(--text-faint)"
            strokeDasharray="2 3"
            label={{ value: marker.label, position: 'insideTopLeft', ...AXIS_LABEL_STYLE }}
          />
        ))}
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
            type={curve}
          />
        ))}
      </RechartsLineChart>
    </ChartFrame>
  );
}
