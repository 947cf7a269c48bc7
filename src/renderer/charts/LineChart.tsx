/** Corelab's line chart over a numeric x axis: measured series with dots, fits dashed. */
import {
  CartesianGrid,
  Line,
  LineChart as RechartsLineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartEmpty } from './ChartEmpty';
import { ChartLegend } from './ChartLegend';
import { ChartTooltip } from './ChartTooltip';
import { defaultValueFormatter, type BaseChartProps, type ChartRow } from './chart-types';

export interface LineChartProps extends BaseChartProps {
  /** Names the x axis ("workers"). */
  xLabel: string;
  /** Names the y axis ("speedup"). */
  yLabel: string;
  /** Formats x values in ticks and the tooltip. */
  xFormatter?: (value: number) => string;
  /** Ticks to show on the x axis (whole worker counts, not every plotted x). */
  xTicks?: readonly number[];
}

/** A line chart with Corelab's axes, tooltip, legend and empty state. */
export function LineChart({
  data,
  index,
  series,
  valueFormatter = defaultValueFormatter,
  height = 260,
  ariaLabel,
  emptyText = 'Nothing measured yet',
  xLabel,
  yLabel,
  xFormatter = defaultValueFormatter,
  xTicks,
}: LineChartProps) {
  const hasValues = data.some((row) =>
    series.some((s) => !s.isDashed && typeof row[s.key] === 'number'),
  );
  if (!hasValues) return <ChartEmpty text={emptyText} height={height} />;
  return (
    <figure className="chart" aria-label={ariaLabel} title={ariaLabel}>
      <ChartLegend series={series} />
      <RechartsLineChart
        responsive
        style={{ width: '100%', height }}
        data={data as ChartRow[]}
        margin={{ top: 8, right: 16, bottom: 18, left: 4 }}
      >
        <CartesianGrid stroke="var(--chart-grid)" />
        <XAxis
          dataKey={index}
          type="number"
          domain={['dataMin', 'dataMax']}
          ticks={xTicks as number[] | undefined}
          tickFormatter={xFormatter}
          tickLine={false}
          axisLine={{ stroke: 'var(--chart-grid)' }}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          label={{
            value: xLabel,
            position: 'insideBottom',
            offset: -12,
            fill: 'var(--text-muted)',
            fontSize: 11,
          }}
        />
        <YAxis
          tickFormatter={valueFormatter}
          tickLine={false}
          axisLine={false}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          width={48}
          label={{
            value: yLabel,
            angle: -90,
            position: 'insideLeft',
            fill: 'var(--text-muted)',
            fontSize: 11,
          }}
        />
        <Tooltip
          isAnimationActive={false}
          content={(props) => (
            <ChartTooltip
              active={props.active}
              label={props.label}
              payload={props.payload}
              series={series}
              valueFormatter={valueFormatter}
              labelFormatter={(label) => `${xLabel}: ${xFormatter(Number(label))}`}
            />
          )}
        />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={s.isDashed ? 1.5 : 2.5}
            strokeDasharray={s.isDashed ? '5 4' : undefined}
            dot={s.isDashed ? false : { r: 4, fill: s.color, strokeWidth: 0 }}
            activeDot={s.isDashed ? false : { r: 5 }}
            connectNulls
            isAnimationActive={false}
            type="linear"
          />
        ))}
      </RechartsLineChart>
    </figure>
  );
}
