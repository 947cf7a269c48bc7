/** Corelab's line chart over a numeric x axis: measured series with dots, fits dashed. */
import {
  CartesianGrid,
  Line,
  LineChart as RechartsLineChart,
  ReferenceArea,
  ReferenceDot,
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
  type BaseChartProps,
  type ChartRow,
} from './chart-types';

/** A shaded stretch of the x axis, labelled at its top (e.g. workers sharing cores by SMT). */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
}

export interface LineChartProps extends BaseChartProps {
  /** Names the x axis ("workers"). */
  xLabel: string;
  /** Names the y axis ("speedup"). */
  yLabel: string;
  /** Formats x values in ticks and the tooltip. */
  xFormatter?: (value: number) => string;
  /** Ticks to show on the x axis (whole worker counts, not every plotted x). */
  xTicks?: readonly number[];
  /** Ticks to show on the y axis (whole powers of ten on a log axis); recharts picks by default. */
  yTicks?: readonly number[];
  /** Shaded x ranges drawn behind the lines. */
  bands?: readonly ChartBand[];
  /** One point drawn larger, in a ring (where a live run is now), with its label. */
  highlight?: { x: number; y: number; color: string; label: string };
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
  yTicks,
  bands = [],
  highlight,
}: LineChartProps) {
  // Fitted curves alone are no measurement: with nothing measured, show the empty state.
  const measured = series.filter((s) => !s.isDashed);
  if (!hasSeriesValues(data, measured)) return <ChartEmpty text={emptyText} height={height} />;
  return (
    <ChartFrame ariaLabel={ariaLabel} series={series}>
      <RechartsLineChart
        responsive
        style={{ width: '100%', height }}
        data={data as ChartRow[]}
        margin={{ top: 8, right: 16, bottom: 18, left: 4 }}
      >
        <CartesianGrid stroke="var(--chart-grid)" />
        {bands.map((band) => (
          <ReferenceArea
            key={`${band.from}-${band.label}`}
            x1={band.from}
            x2={band.to}
            fill="var(--chart-band)"
            fillOpacity={1}
            ifOverflow="hidden"
            label={{ value: band.label, position: 'insideTop', ...AXIS_LABEL_STYLE }}
          />
        ))}
        <XAxis
          {...NUMERIC_INDEX_AXIS_PROPS}
          dataKey={index}
          ticks={xTicks as number[] | undefined}
          tickFormatter={xFormatter}
          label={{ value: xLabel, position: 'insideBottom', offset: -12, ...AXIS_LABEL_STYLE }}
        />
        <YAxis
          {...VALUE_AXIS_PROPS}
          ticks={yTicks as number[] | undefined}
          domain={yTicks ? [yTicks[0]!, yTicks.at(-1)!] : undefined}
          tickFormatter={valueFormatter}
          width={48}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', ...AXIS_LABEL_STYLE }}
        />
        <Tooltip
          isAnimationActive={false}
          content={chartTooltipContent({
            series,
            valueFormatter,
            labelFormatter: (label) => `${xLabel}: ${xFormatter(Number(label))}`,
          })}
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
        {highlight && (
          <ReferenceDot
            x={highlight.x}
            y={highlight.y}
            r={7}
            fill="var(--surface)"
            stroke={highlight.color}
            strokeWidth={3}
            ifOverflow="extendDomain"
            label={{ value: highlight.label, position: 'top', ...AXIS_LABEL_STYLE }}
          />
        )}
      </RechartsLineChart>
    </ChartFrame>
  );
}
