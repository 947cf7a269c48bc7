/** Text colour for writing on `background` (#rrggbb): near-black or white, whichever contrasts more. */
export function readableTextOn(background: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(background.trim());
  if (!match) return '#ffffff';
  const value = Number.parseInt(match[1]!, 16);
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance =
    0.2126 * linear((value >> 16) & 255) +
    0.7152 * linear((value >> 8) & 255) +
    0.0722 * linear(value & 255);
  // WCAG contrast against white (luminance 1) and against #111827 (luminance about 0.011).
  const onWhite = 1.05 / (luminance + 0.05);
  const onDark = (luminance + 0.05) / 0.061;
  return onDark >= onWhite ? '#111827' : '#ffffff';
}
