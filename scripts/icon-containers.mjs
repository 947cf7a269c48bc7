// The two icon container formats the installers need, written from rendered images: Windows
// .ico (BMP entries for the small sizes, which every Windows tool reads, and PNG for 256) and
// macOS .icns (PNG entries). Pure functions over Buffers; scripts/make-icons.mjs renders.

/** Sizes a Windows .ico carries: shell views, the taskbar, the installer. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** The .icns entry type for each PNG size (the @2x types hold the same pixels as the next size up). */
export const ICNS_TYPES = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/**
 * A 32-bit BMP icon entry: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom
 * up, then the 1-bit AND mask (set where fully transparent).
 * @param {number} size
 * @param {Uint8Array} rgba straight-alpha pixels, row by row from the top
 */
export function bmpIconEntry(size, rgba) {
  if (rgba.length !== size * size * 4) throw new Error(`rgba must hold ${size}x${size} pixels`);
  const maskStride = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = (row * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
      if (rgba[from + 3] === 0) mask[row * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/**
 * A .ico file: ICONDIR, one ICONDIRENTRY per image, then the images.
 * @param {{ size: number, data: Buffer, bitsPerPixel?: number }[]} images each PNG or BMP entry
 */
export function icoFile(images) {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    // 0 means 256 in the one-byte width and height fields.
    directory.writeUInt8(size >= 256 ? 0 : size, entry);
    directory.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(data.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.data)]);
}

/**
 * An .icns file: 'icns', the total length, then (type, length, PNG) entries, big-endian.
 * @param {{ type: string, png: Buffer }[]} entries
 */
export function icnsFile(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((total, chunk) => total + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
