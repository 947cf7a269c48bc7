import { describe, expect, it } from 'vitest';
import { readableTextOn } from '../../../../src/renderer/charts/readable-text';
import { MODELS } from '../../../../src/shared/models';

describe('readableTextOn', () => {
  it('writes white on dark colours and near-black on light ones', () => {
    expect(readableTextOn('#1e293b')).toBe('#ffffff');
    expect(readableTextOn('#8fb31b')).toBe('#111827');
    expect(readableTextOn('#fde68a')).toBe('#111827');
  });

  it('falls back to white for a colour it cannot read', () => {
    expect(readableTextOn('rgb(220, 38, 38)')).toBe('#ffffff');
  });

  it('picks, for every model colour, the text with at least 3:1 contrast on it', () => {
    const luminance = (hex: string): number => {
      const v = Number.parseInt(hex.slice(1), 16);
      const lin = (c: number): number =>
        c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4;
      return 0.2126 * lin((v >> 16) & 255) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255);
    };
    for (const { colour: color } of Object.values(MODELS)) {
      const [a, b] = [luminance(color), luminance(readableTextOn(color))].sort((x, y) => y - x);
      expect((a! + 0.05) / (b! + 0.05)).toBeGreaterThanOrEqual(3);
    }
  });
});
