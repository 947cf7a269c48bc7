/** Builds recharts' tooltip `content` for a Corelab chart, so each chart only says what differs. */
import type { TooltipContentProps } from 'recharts';
import { ChartTooltip } from './ChartTooltip';
import type { ChartRow, ChartSeries } from './chart-types';

export interface ChartTooltipContentOptions {
  series: readonly ChartSeries[];
  valueFormatter: (value: number) => string;
  labelFormatter?: (label: string | number) => string;
  /** Colours the swatches by the hovered row (a bar chart coloured per model). */
  rowColor?: (row: ChartRow) => string;
}

/** The render function for recharts' Tooltip `content` prop. */
export function chartTooltipContent({
  series,
  valueFormatter,
  labelFormatter,
  rowColor,
}: ChartTooltipContentOptions) {
  return function renderTooltip(props: TooltipContentProps) {
    return (
      <ChartTooltip
        active={props.active}
        label={props.label}
        payload={props.payload}
        series={series}
        valueFormatter={valueFormatter}
        labelFormatter={labelFormatter}
        swatchColor={
          rowColor && props.payload?.[0]
            ? rowColor(props.payload[0].payload as ChartRow)
            : undefined
        }
      />
    );
  };
}
