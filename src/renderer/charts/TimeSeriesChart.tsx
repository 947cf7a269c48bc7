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
import { ChartLegend } from './ChartLegend';
import { ChartTooltip } from './ChartTooltip';
import { defaultValueFormatter, type BaseChartProps, type ChartRow } from './chart-types';

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
}: TimeSeriesChartProps) {
  const hasValues = data.some((row) => series.some((s) => typeof row[s.key] === 'number'));
  if (!hasValues) return <ChartEmpty text={emptyText} height={height} />;
  return (
    <figure className="chart" aria-label={ariaLabel} title={ariaLabel}>
      <ChartLegend series={series} />
      <RechartsLineChart
        responsive
        style={{ width: '100%', height }}
        data={data as ChartRow[]}
        margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis
          dataKey={index}
          type="number"
          domain={['dataMin', 'dataMax']}
          ticks={xTicks as number[] | undefined}
          tickFormatter={xFormatter}
          tickLine={false}
          axisLine={{ stroke: 'var(--chart-grid)' }}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          minTickGap={28}
        />
        <YAxis
          tickFormatter={valueFormatter}
          tickLine={false}
          axisLine={false}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          width={64}
          domain={limit ? [0, (max: number) => Math.max(max, limit.value)] : [0, 'auto']}
        />
        {limit && (
          <ReferenceLine
            y={limit.value}
            stroke="var(--text-faint)"
            strokeDasharray="4 4"
            label={{
              value: limit.label,
              position: 'insideTopRight',
              fill: 'var(--text-muted)',
              fontSize: 11,
            }}
          />
        )}
        <Tooltip
          isAnimationActive={false}
          content={(props) => (
            <ChartTooltip
              active={props.active}
              label={props.label}
              payload={props.payload}
              series={series}
              valueFormatter={valueFormatter}
              labelFormatter={(label) => xFormatter(Number(label))}
            />
          )}
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
    </figure>
  );
}
