/** Checksum helpers shared by kernels; all arithmetic stays in unsigned 32 bits. */

/** Mixes a 32-bit value (murmur3 finaliser) so nearby inputs give unrelated outputs. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Folds one task's checksum into a run's. Order-independent (a sum), so the run's checksum
 * does not depend on which worker finished first; tagged by index, so swapping two tasks'
 * answers is still caught.
 */
export function foldTaskChecksum(acc: number, taskIndex: number, checksum: number): number {
  return (acc + mix32(taskIndex * 0x9e3779b1 + checksum)) >>> 0;
}

/** Folds a list of task checksums in index order (the reference path). */
export function foldAll(checksums: readonly number[]): number {
  let acc = 0;
  for (let i = 0; i < checksums.length; i++) acc = foldTaskChecksum(acc, i, checksums[i]!);
  return acc;
}

/** FNV-1a over bytes: checksums of I/O payloads. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
