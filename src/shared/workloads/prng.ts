/** Deterministic pseudo-random bytes for kernels' buffers and I/O payloads. */

/**
 * Fills `bytes` bytes from a mulberry32 stream seeded with `seed`, each 32-bit output
 * written little-endian. Any seed works (unlike xorshift, zero is not a fixed point).
 */
export function deterministicBytes(seed: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let state = seed | 0;
  for (let i = 0; i < bytes; i += 4) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const word = (t ^ (t >>> 14)) >>> 0;
    for (let b = 0; b < 4 && i + b < bytes; b++) out[i + b] = (word >>> (8 * b)) & 0xff;
  }
  return out;
}
