/**
 * The utilisation colour scale of the core charts, as 101 packed RGBA pixels (0..100%) so
 * a canvas column is filled by table look-up, not by colour maths per core per sample.
 */

/** Colour stops per theme: idle blends into the panel, busy runs blue to hot orange-red. */
const STOPS: Record<'light' | 'dark', readonly (readonly [number, string])[]> = {
  light: [
    [0, '#eef2f7'],
    [0.2, '#bcd7f0'],
    [0.5, '#4f95d9'],
    [0.8, '#f59f45'],
    [1, '#e23d2d'],
  ],
  dark: [
    [0, '#1b2331'],
    [0.2, '#1f4370'],
    [0.5, '#2f82cc'],
    [0.8, '#f2a33a'],
    [1, '#ff5a3c'],
  ],
};

export type Theme = 'light' | 'dark';

/** Whether this platform stores canvas pixels with red in the low byte (almost all do). */
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The 101-entry look-up table for a theme: entry p is the pixel for p% busy. */
export function heatLut(theme: Theme): Uint32Array {
  return lutOf((at) => heatRgb(STOPS[theme], at));
}

/**
 * The scale of a core a run's worker occupies, in its model's colour: from a pale tint at
 * 0% to the full colour at 100%, so the model reads at any load and the load still shows.
 */
export function occupantLut(theme: Theme, modelColor: string): Uint32Array {
  const idle = STOPS[theme][0]![1];
  return lutOf((at) =>
    heatRgb(
      [
        [0, idle],
        [1, modelColor],
      ],
      0.45 + 0.55 * at,
    ),
  );
}

/** Where none of the run's workers is: a grey scale, so other load shows without a model's hue. */
const OTHER_LOAD_STOPS: Record<Theme, readonly (readonly [number, string])[]> = {
  light: [
    [0, STOPS.light[0]![1]],
    [1, '#a0a9b6'],
  ],
  dark: [
    [0, STOPS.dark[0]![1]],
    [1, '#566172'],
  ],
};

/** The grey look-up table of cores no watched worker occupies. */
export function otherLoadLut(theme: Theme): Uint32Array {
  return lutOf((at) => heatRgb(OTHER_LOAD_STOPS[theme], at));
}

/** A 101-entry table of packed RGBA pixels, entry p from `rgb(p / 100)`. */
function lutOf(rgb: (at: number) => [number, number, number]): Uint32Array {
  const lut = new Uint32Array(101);
  for (let p = 0; p <= 100; p++) {
    const [r, g, b] = rgb(p / 100);
    lut[p] = IS_LITTLE_ENDIAN
      ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
      : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
  }
  return lut;
}

/** CSS colours along the scale, for the legend's gradient. */
export function heatGradient(theme: Theme): string {
  return gradientOf(STOPS[theme]);
}

/** The grey of a fully busy core that no watched worker occupies, for the legend. */
export function otherLoadColor(theme: Theme): string {
  return OTHER_LOAD_STOPS[theme][1]![1];
}

function gradientOf(stops: readonly (readonly [number, string])[]): string {
  const parts = stops.map(([at, color]) => `${color} ${Math.round(at * 100)}%`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** The CSS colour of one utilisation value 0..100. */
export function heatColor(theme: Theme, percent: number): string {
  const [r, g, b] = heatRgb(STOPS[theme], Math.min(1, Math.max(0, percent / 100)));
  return `rgb(${r}, ${g}, ${b})`;
}

function heatRgb(
  stops: readonly (readonly [number, string])[],
  at: number,
): [number, number, number] {
  let upper = 1;
  while (upper < stops.length - 1 && stops[upper]![0] < at) upper++;
  const [a, colorA] = stops[upper - 1]!;
  const [b, colorB] = stops[upper]!;
  const t = b > a ? (at - a) / (b - a) : 0;
  const from = parseHex(colorA);
  const to = parseHex(colorB);
  return [0, 1, 2].map((i) => Math.round(from[i]! + (to[i]! - from[i]!) * t)) as [
    number,
    number,
    number,
  ];
}

function parseHex(hex: string): number[] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
