/** The empty state every chart shows instead of blank axes. */

export interface ChartEmptyProps {
  text: string;
  height: number;
}

/** A quiet placeholder of the chart's size saying why there is nothing to draw. */
export function ChartEmpty({ text, height }: ChartEmptyProps) {
  return (
    <div className="chart-empty" style={{ height }} role="note">
      {text}
    </div>
  );
}
