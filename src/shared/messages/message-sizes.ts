/** The payload sizes the message explorer offers: a ladder of powers of 4 from 8 B to 64 MiB. */
import { invalidArgument } from '../errors';
import { MAX_MESSAGE_BYTES, MIN_MESSAGE_BYTES } from './message-cost';

/** 8 B, 32 B, 128 B, … 32 MiB (powers of 4), then 64 MiB: 13 sizes, even on a log axis. */
export const MESSAGE_SIZE_LADDER: readonly number[] = (() => {
  const sizes: number[] = [];
  for (let bytes = MIN_MESSAGE_BYTES; bytes < MAX_MESSAGE_BYTES; bytes *= 4) sizes.push(bytes);
  sizes.push(MAX_MESSAGE_BYTES);
  return sizes;
})();

/** The ladder's sizes from `minBytes` to `maxBytes`, both included. */
export function ladderBetween(minBytes: number, maxBytes: number): number[] {
  return MESSAGE_SIZE_LADDER.filter((bytes) => bytes >= minBytes && bytes <= maxBytes);
}

const UNIT_BYTES: Record<string, number> = { b: 1, kib: 1024, mib: 1024 * 1024 };

/** One size as the CLI takes it: "8", "512B", "32KiB", "64MiB". */
export function parseMessageSize(text: string): number {
  const match = /^(\d+)\s*(b|kib|mib)?$/i.exec(text.trim());
  const bytes = match ? Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < MIN_MESSAGE_BYTES || bytes > MAX_MESSAGE_BYTES) {
    throw invalidArgument(
      'sizes',
      `"${text}" must be a size from 8 to 64MiB, in bytes or with KiB or MiB`,
    );
  }
  return bytes;
}

/**
 * `--sizes`: a comma list ("8,32KiB,64MiB") or a range of the ladder ("1KiB..4MiB"),
 * sorted ascending without repeats.
 */
export function parseMessageSizes(text: string): number[] {
  const range = text.split('..');
  let sizes: number[];
  if (range.length === 2) {
    const [from, to] = range.map(parseMessageSize) as [number, number];
    sizes = ladderBetween(Math.min(from, to), Math.max(from, to));
    if (sizes.length === 0) throw invalidArgument('sizes', `"${text}" holds no size of the ladder`);
  } else {
    sizes = text.split(',').map(parseMessageSize);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}
