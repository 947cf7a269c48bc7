import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ICNS_TYPES,
  ICO_SIZES,
  bmpIconEntry,
  icnsFile,
  icoFile,
} from '../../../scripts/icon-containers.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The directory entries of an .ico file. */
function icoEntries(ico: Buffer) {
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const length = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    return {
      size: ico[at] || 256,
      data: ico.subarray(offset, offset + length),
      end: offset + length,
    };
  });
}

/** The (type, data) entries of an .icns file. */
function icnsEntries(icns: Buffer) {
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const entries: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    entries.push({
      type: icns.toString('latin1', at, at + 4),
      data: icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)),
    });
  }
  return entries;
}

describe('bmpIconEntry', () => {
  it('writes BGRA rows bottom up under a header of doubled height, and masks clear pixels', () => {
    // 2x2: top row red (opaque) and clear; bottom row green and blue (opaque).
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 0, 0, 0, 0, 255, 0, 255, 0, 0, 255, 255]);
    const entry = bmpIconEntry(2, rgba);
    expect([entry.readUInt32LE(0), entry.readInt32LE(4), entry.readInt32LE(8)]).toEqual([40, 2, 4]);
    expect(entry.readUInt16LE(14)).toBe(32);
    const pixels = [...entry.subarray(40, 56)];
    expect(pixels).toEqual([0, 255, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0]);
    // Mask rows are 4 bytes, bottom up: the top row's second pixel is clear.
    expect([...entry.subarray(56)]).toEqual([0, 0, 0, 0, 0x40, 0, 0, 0]);
  });

  it('refuses pixels that do not fill the size', () => {
    expect(() => bmpIconEntry(4, new Uint8Array(8))).toThrow('rgba must hold 4x4 pixels');
  });
});

describe('icoFile and icnsFile', () => {
  it('index every image at its offset, 256 written as 0', () => {
    const png = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(24)]);
    const ico = icoFile([
      { size: 16, data: Buffer.from('sixteen') },
      { size: 256, data: png },
    ]);
    const entries = icoEntries(ico);
    expect(entries.map((entry) => [entry.size, entry.data.toString('latin1', 0, 7)])).toEqual([
      [16, 'sixteen'],
      [256, png.toString('latin1', 0, 7)],
    ]);
    expect(entries.at(-1)!.end).toBe(ico.length);
  });

  it('chain .icns entries by their big-endian lengths', () => {
    const icns = icnsFile([
      { type: 'ic07', png: Buffer.from('a') },
      { type: 'ic10', png: Buffer.from('bcd') },
    ]);
    expect(icnsEntries(icns).map((entry) => [entry.type, entry.data.toString()])).toEqual([
      ['ic07', 'a'],
      ['ic10', 'bcd'],
    ]);
  });
});

describe('the committed icons under build/', () => {
  it('have a PNG for each Linux size, named by its pixels', () => {
    const files = readdirSync('build/icons').sort((a, b) => parseInt(a) - parseInt(b));
    expect(files).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((n) => `${n}x${n}.png`));
    for (const file of files) {
      const n = parseInt(file);
      expect(pngSize(readFileSync(`build/icons/${file}`))).toEqual([n, n]);
    }
  });

  it('have a Windows .ico with every size up to 256, the largest as PNG', () => {
    const entries = icoEntries(readFileSync('build/icon.ico'));
    expect(entries.map((entry) => entry.size)).toEqual(ICO_SIZES);
    for (const entry of entries.filter((e) => e.size < 256)) {
      expect(entry.data.readInt32LE(4)).toBe(entry.size);
    }
    expect(pngSize(entries.at(-1)!.data)).toEqual([256, 256]);
  });

  it('have a macOS .icns whose PNGs match their types, up to 1024', () => {
    const entries = icnsEntries(readFileSync('build/icon.icns'));
    expect(entries.map((entry) => [entry.type, pngSize(entry.data)[0]])).toEqual(ICNS_TYPES);
  });
});
