/**
 * Number formatters shared by the CLI and the UI. Always 'en-US', so a table or a chart reads
 * the same on every machine and tests do not depend on the host's locale.
 */

const LOCALE = 'en-US';
/** Shown for a value that is not a finite number, instead of "NaN ms". */
const MISSING = '—';

const formatters = new Map<string, Intl.NumberFormat>();

/** A cached en-US number formatter with the given fraction or significant digits. */
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    // 'negative' keeps a value that rounds to zero from reading "-0".
    formatter = new Intl.NumberFormat(LOCALE, { signDisplay: 'negative', ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Formats with at most `digits` decimals, trailing zeros dropped ("1.2", "3"). */
function upTo(value: number, digits: number): string {
  return numberFormat({ maximumFractionDigits: digits }).format(value);
}

/** Formats with exactly `digits` decimals ("3.20"). */
function fixed(value: number, digits: number): string {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}

/** A duration: "0.42 ms", "12.3 ms", "850 ms", "3.21 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  // Thresholds compare the rounded magnitude, so 999.7 ms reads "1.00 s", not "1,000 ms".
  const magnitude = Math.abs(ms);
  if (magnitude < 1) return `${fixed(ms, 2)} ms`;
  if (Math.round(magnitude * 10) < 1000) return `${upTo(ms, 1)} ms`;
  if (Math.round(magnitude) < 1000) return `${upTo(ms, 0)} ms`;
  if (Math.round(magnitude / 10) < 6000) return `${fixed(ms / 1000, 2)} s`;
  const totalSeconds = Math.round(magnitude / 1000);
  const sign = ms < 0 ? '-' : '';
  return `${sign}${formatCount(Math.floor(totalSeconds / 60))} min ${totalSeconds % 60} s`;
}

/** Decimals for ticks of an axis whose largest value, in its unit, is `top`. */
function axisDigits(top: number): number {
  return top >= 100 ? 0 : top >= 10 ? 1 : 2;
}

/**
 * A duration axis's tick format, one unit for every tick, chosen from the largest value the
 * axis shows: ticks of 0–2,500 ms read "0 s" … "2.5 s", never "500 ms" beside "2.00 s".
 */
export function durationAxisFormat(maxMs: number): (ms: number) => string {
  const magnitude = Number.isFinite(maxMs) ? Math.abs(maxMs) : 0;
  const [size, unit] =
    Math.round(magnitude) < 1000 ? [1, 'ms'] : magnitude < 120_000 ? [1000, 's'] : [60_000, 'min'];
  const digits = axisDigits(magnitude / size);
  return (ms) => (Number.isFinite(ms) ? `${upTo(ms / size, digits)} ${unit}` : MISSING);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** A size in binary units: "512 B", "512 KiB", "1.2 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return MISSING;
  let unit = 0;
  let value = bytes;
  // Promote on the rounded magnitude, so 1023.97 KiB reads "1 MiB", not "1,024 KiB".
  while (unit < BYTE_UNITS.length - 1 && roundForBytes(Math.abs(value), unit) >= 1024) {
    value /= 1024;
    unit++;
  }
  const digits = unit > 0 && Math.abs(value) < 10 ? 1 : 0;
  return `${upTo(value, digits)} ${BYTE_UNITS[unit]}`;
}

/** A size axis's tick format: one binary unit for every tick, chosen from the largest value. */
export function bytesAxisFormat(maxBytes: number): (bytes: number) => string {
  let unit = 0;
  let top = Number.isFinite(maxBytes) ? Math.abs(maxBytes) : 0;
  while (unit < BYTE_UNITS.length - 1 && Math.round(top) >= 1024) {
    top /= 1024;
    unit++;
  }
  const size = 1024 ** unit;
  const digits = unit === 0 ? 0 : axisDigits(top);
  return (bytes) =>
    Number.isFinite(bytes) ? `${upTo(bytes / size, digits)} ${BYTE_UNITS[unit]}` : MISSING;
}

/** The magnitude formatBytes would show in this unit, to decide whether to promote. */
function roundForBytes(magnitude: number, unit: number): number {
  return unit > 0 && magnitude < 10 ? Math.round(magnitude * 10) / 10 : Math.round(magnitude);
}

/** A fraction 0..1 as a percentage: formatPercent(0.083) is "8%", with 1 digit "8.3%". */
export function formatPercent(fraction: number, fractionDigits = 0): string {
  if (!Number.isFinite(fraction)) return MISSING;
  return `${fixed(fraction * 100, fractionDigits)}%`;
}

/** A rate per second: "1,234 tasks/s", "45.6 tasks/s", "0.25 tasks/s". */
export function formatRate(perSecond: number, unit = 'tasks'): string {
  if (!Number.isFinite(perSecond)) return MISSING;
  const magnitude = Math.abs(perSecond);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return `${upTo(perSecond, digits)} ${unit}/s`;
}

/** A speedup factor with one decimal: "1.9×", "2.0×". */
export function formatSpeedup(speedup: number): string {
  if (!Number.isFinite(speedup)) return MISSING;
  return `${fixed(speedup, 1)}×`;
}

/** A whole count with thousands separators: "12,345". */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return MISSING;
  return upTo(Math.round(count), 0);
}

/** A coefficient to a few significant digits: 0.05 → "0.05", 0.0012345 → "0.0012". */
export function formatSignificant(value: number, significantDigits = 2): string {
  if (!Number.isFinite(value)) return MISSING;
  return numberFormat({ maximumSignificantDigits: significantDigits }).format(value);
}

/**
 * "48.8 / 73 / 99.9 ms": three durations, the unit said once when they share it. In a narrow
 * table it may wrap only after a slash: each value keeps its unit and slash (no-break spaces).
 */
export function formatMsTriple(values: readonly number[]): string {
  const parts = values.map((value) => formatMs(value));
  const units = parts.map((part) => part.slice(part.lastIndexOf(' ') + 1));
  const keep = (text: string): string => text.replaceAll(' ', '\u00a0');
  if (units.every((unit) => unit === units[0]) && parts.every((part) => part.includes(' '))) {
    const numbers = parts.map((part) => part.slice(0, part.lastIndexOf(' ')));
    return `${numbers.join('\u00a0/ ')}\u00a0${units[0]}`;
  }
  return parts.map(keep).join('\u00a0/ ');
}
