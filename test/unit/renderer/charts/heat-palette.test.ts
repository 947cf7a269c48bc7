import { describe, expect, it } from 'vitest';
import { heatLut, occupantLut, otherLoadLut } from '../../../../src/renderer/charts/heat-palette';

/** A packed little-endian canvas pixel as [r, g, b]. */
const rgb = (pixel: number): number[] => [pixel & 255, (pixel >>> 8) & 255, (pixel >>> 16) & 255];

describe('occupant colours', () => {
  it('reach the model’s own colour at 100% and a paler tint of it when idle', () => {
    for (const theme of ['light', 'dark'] as const) {
      const lut = occupantLut(theme, '#3b82f6');
      expect(rgb(lut[100]!)).toEqual([0x3b, 0x82, 0xf6]);
      expect(rgb(lut[0]!)).not.toEqual(rgb(lut[100]!));
      // Idle still leans toward the model's hue (blue over red here), unlike the idle heat.
      const [r, , b] = rgb(lut[0]!);
      expect(b! - r!).toBeGreaterThan(40);
    }
  });

  it('draw cores no worker of the run occupies in grey, apart from the heat scale', () => {
    const grey = otherLoadLut('light');
    const [r, g, b] = rgb(grey[100]!);
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(30);
    expect(grey[100]).not.toBe(heatLut('light')[100]);
    expect(grey[0]).toBe(heatLut('light')[0]);
  });
});
