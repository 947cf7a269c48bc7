/** Sizes a Windows .ico carries. */
export const ICO_SIZES: number[];
/** The .icns entry type for each PNG size. */
export const ICNS_TYPES: [string, number][];
/** A 32-bit BMP icon entry (header, bottom-up BGRA, AND mask) from straight-alpha RGBA. */
export function bmpIconEntry(size: number, rgba: Uint8Array): Buffer;
/** A .ico file from PNG or BMP entries. */
export function icoFile(images: { size: number; data: Buffer }[]): Buffer;
/** An .icns file from PNG entries. */
export function icnsFile(entries: { type: string; png: Buffer }[]): Buffer;
