import { describe, expect, it } from 'vitest';
import {
  bytesAxisFormat,
  durationAxisFormat,
  formatBytes,
  formatCount,
  formatMs,
  formatMsTriple,
  formatPercent,
  formatRate,
  formatSignificant,
  formatSpeedup,
} from '../../../src/shared/format';

describe('formatMs', () => {
  it('shows sub-second durations in ms with precision that fits their size', () => {
    expect(formatMs(0.424)).toBe('0.42 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(850)).toBe('850 ms');
  });

  it('switches to seconds with two decimals from one second', () => {
    expect(formatMs(3210)).toBe('3.21 s');
    expect(formatMs(1000)).toBe('1.00 s');
  });

  it('rounds before choosing a unit, so nothing reads "1,000 ms" or "100.0 ms"', () => {
    expect(formatMs(999.7)).toBe('1.00 s');
    expect(formatMs(99.96)).toBe('100 ms');
    expect(formatMs(59_996)).toBe('1 min 0 s');
  });

  it('shows a minute or more as minutes and seconds', () => {
    expect(formatMs(125_000)).toBe('2 min 5 s');
  });

  it('keeps the sign of a negative duration and never shows "-0"', () => {
    expect(formatMs(-12.3)).toBe('-12.3 ms');
    expect(formatMs(-0.0001)).toBe('0.00 ms');
  });

  it('shows a dash for a value that is not a number', () => {
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatMs(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatBytes', () => {
  it('uses binary units, one decimal below 10', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(1.2 * 1024 ** 3)).toBe('1.2 GiB');
    expect(formatBytes(1024)).toBe('1 KiB');
  });

  it('promotes to the next unit when rounding would reach 1,024', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MiB');
    expect(formatBytes(1023)).toBe('1,023 B');
  });
});

describe('formatPercent', () => {
  it('turns a fraction into a percentage', () => {
    expect(formatPercent(0.083)).toBe('8%');
    expect(formatPercent(0.083, 1)).toBe('8.3%');
    expect(formatPercent(1)).toBe('100%');
  });
});

describe('formatRate', () => {
  it('groups thousands and drops decimals for large rates', () => {
    expect(formatRate(1234.4)).toBe('1,234 tasks/s');
  });

  it('keeps decimals for small rates and takes a unit', () => {
    expect(formatRate(45.64)).toBe('45.6 tasks/s');
    expect(formatRate(0.254, 'events')).toBe('0.25 events/s');
  });
});

describe('formatSpeedup', () => {
  it('shows one decimal and a multiplication sign', () => {
    expect(formatSpeedup(1.94)).toBe('1.9×');
    expect(formatSpeedup(2)).toBe('2.0×');
  });
});

describe('formatCount', () => {
  it('rounds to a whole number with thousands separators', () => {
    expect(formatCount(12_345.6)).toBe('12,346');
    expect(formatCount(7)).toBe('7');
  });
});

describe('formatSignificant', () => {
  it('keeps two significant digits by default', () => {
    expect(formatSignificant(0.05)).toBe('0.05');
    expect(formatSignificant(0.0012345)).toBe('0.0012');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(0.0012345, 3)).toBe('0.00123');
  });
});

describe('formatMsTriple', () => {
  it('says a shared unit once, and may wrap only after a slash', () => {
    expect(formatMsTriple([4.5, 26.3, 32.7])).toBe('4.5\u00a0/ 26.3\u00a0/ 32.7\u00a0ms');
  });

  it('keeps each unit when the three differ', () => {
    expect(formatMsTriple([850, 1200, 3210])).toBe(
      '850\u00a0ms\u00a0/ 1.20\u00a0s\u00a0/ 3.21\u00a0s',
    );
  });
});

/** The units an axis's tick labels use ("2.5 s" → "s"). */
const unitsOf = (labels: string[]): string[] => [
  ...new Set(labels.map((label) => label.slice(label.lastIndexOf(' ') + 1))),
];

describe('durationAxisFormat', () => {
  it('labels an axis that crosses 1 s in one unit, seconds', () => {
    const ticks = [0, 500, 1000, 1500, 2000, 2500];
    const labels = ticks.map(durationAxisFormat(2300));
    expect(labels).toEqual(['0 s', '0.5 s', '1 s', '1.5 s', '2 s', '2.5 s']);
    // Each tick formatted alone mixes units: the defect this replaces.
    expect(unitsOf(ticks.map(formatMs))).toEqual(['ms', 's']);
  });

  it('keeps milliseconds for an axis below a second, with precision for its range', () => {
    expect([0, 250, 500, 750].map(durationAxisFormat(740))).toEqual([
      '0 ms',
      '250 ms',
      '500 ms',
      '750 ms',
    ]);
    expect([0, 0.25, 0.5].map(durationAxisFormat(0.4))).toEqual(['0 ms', '0.25 ms', '0.5 ms']);
    expect(unitsOf([0, 20, 40, 60].map(durationAxisFormat(55)))).toEqual(['ms']);
  });

  it('uses minutes for an axis past two minutes, and a dash for a non-number', () => {
    expect([0, 60_000, 180_000].map(durationAxisFormat(200_000))).toEqual([
      '0 min',
      '1 min',
      '3 min',
    ]);
    expect(durationAxisFormat(2000)(Number.NaN)).toBe('—');
  });
});

describe('bytesAxisFormat', () => {
  it('labels every tick in the unit of the largest value', () => {
    const ticks = [0, 512 * 1024, 1024 ** 2, 1.5 * 1024 ** 2];
    expect(ticks.map(bytesAxisFormat(1.4 * 1024 ** 2))).toEqual([
      '0 MiB',
      '0.5 MiB',
      '1 MiB',
      '1.5 MiB',
    ]);
    expect(unitsOf(ticks.map(formatBytes))).toEqual(['B', 'KiB', 'MiB']);
    expect([0, 512].map(bytesAxisFormat(900))).toEqual(['0 B', '512 B']);
  });
});
