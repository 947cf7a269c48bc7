/** The frame every chart shares: a labelled figure, the legend above the plot, then the plot. */
import type { ReactNode } from 'react';
import { ChartLegend } from './ChartLegend';
import type { ChartSeries } from './chart-types';

export interface ChartFrameProps {
  /** What the chart shows, for screen readers and as its title attribute. */
  ariaLabel: string;
  series: readonly ChartSeries[];
  /** Shows the series legend above the plot (default true). */
  showLegend?: boolean;
  children: ReactNode;
}

/** A figure holding a chart's legend and plot. */
export function ChartFrame({ ariaLabel, series, showLegend = true, children }: ChartFrameProps) {
  return (
    <figure className="chart" aria-label={ariaLabel} title={ariaLabel}>
      {showLegend && <ChartLegend series={series} />}
      {children}
    </figure>
  );
}
