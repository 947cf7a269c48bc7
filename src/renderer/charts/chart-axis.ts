/**
 * The axis styling every chart shares, as props to spread onto recharts' XAxis and YAxis:
 * recharts finds its axes by their own component type, so they cannot be wrapped.
 */

/** Axis text (tick labels and axis names) in the muted text colour. */
export const AXIS_LABEL_STYLE = { fill: 'var(--text-muted)', fontSize: 11 } as const;

/** The category or x axis: a grid-coloured base line, no tick marks. */
export const INDEX_AXIS_PROPS = {
  tickLine: false,
  axisLine: { stroke: 'var(--chart-grid)' },
  tick: AXIS_LABEL_STYLE,
} as const;

/** A numeric x axis spanning exactly the data (worker counts, seconds since start). */
export const NUMERIC_INDEX_AXIS_PROPS = {
  ...INDEX_AXIS_PROPS,
  type: 'number',
  domain: ['dataMin', 'dataMax'],
} as const;

/** The value (y) axis: labels only, no line and no tick marks. */
export const VALUE_AXIS_PROPS = {
  tickLine: false,
  axisLine: false,
  tick: AXIS_LABEL_STYLE,
} as const;
