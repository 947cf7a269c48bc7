/**
 * Where sharing beats copying: crossovers computed from the explorer's rows, and the sentence
 * the CLI and the UI both print for each.
 */
import { formatBytes } from '../format';
import { MODELS } from '../models';
import {
  MESSAGE_MODE_LABELS,
  type MessageCrossover,
  type MessageMode,
  type MessageModel,
  type MessageRow,
} from './message-cost';

/** A mode that avoids (or cheapens) the copy, the copying mode it is set against, and why it wins. */
interface ModePair {
  model: MessageModel;
  fasterMode: MessageMode;
  slowerMode: MessageMode;
  why: string;
}

const PAIRS: readonly ModePair[] = [
  {
    model: 'worker-threads',
    fasterMode: 'shared-array-buffer',
    slowerMode: 'structured-clone',
    why: 'a copy costs time for every byte, both ways, while sharing costs one Atomics handshake whatever the size',
  },
  {
    model: 'worker-threads',
    fasterMode: 'transfer',
    slowerMode: 'structured-clone',
    why: 'a transfer hands the buffer over without copying its bytes; below that size the fixed cost of detaching and re-attaching it outweighs the copy',
  },
  {
    model: 'child-process',
    fasterMode: 'ipc-advanced',
    slowerMode: 'ipc-json',
    why: "'advanced' writes the bytes as they are, while 'json' turns them into text and parses it back on each side",
  },
  {
    model: 'python-multiprocessing',
    fasterMode: 'shared-memory',
    slowerMode: 'queue-pickle',
    why: 'a Queue pickles the bytes through a pipe and back, while shared memory passes only a small notice',
  },
];

/** Median round trip by size for one model and mode. */
function mediansBySize(rows: readonly MessageRow[], model: MessageModel, mode: MessageMode) {
  return new Map(
    rows
      .filter((r) => r.model === model && r.mode === mode)
      .map((r) => [r.bytes, r.roundTripMsP50]),
  );
}

/**
 * For each pair measured, the smallest size from which the faster mode's median round trip
 * is below the slower one's at that size and every larger size both were measured at; null
 * when it is not below at the largest. Pairs with no common size are left out.
 */
export function messageCrossovers(rows: readonly MessageRow[]): MessageCrossover[] {
  const crossovers: MessageCrossover[] = [];
  for (const { model, fasterMode, slowerMode } of PAIRS) {
    const faster = mediansBySize(rows, model, fasterMode);
    const slower = mediansBySize(rows, model, slowerMode);
    const sizes = [...faster.keys()].filter((b) => slower.has(b)).sort((a, b) => a - b);
    if (sizes.length === 0) continue;
    let fromBytes: number | null = null;
    for (let i = sizes.length - 1; i >= 0; i--) {
      const bytes = sizes[i]!;
      if (faster.get(bytes)! >= slower.get(bytes)!) break;
      fromBytes = bytes;
    }
    crossovers.push({ model, fasterMode, slowerMode, fromBytes });
  }
  return crossovers;
}

/** The smallest and largest payload measured. */
export interface MeasuredSizes {
  smallestBytes: number;
  largestBytes: number;
}

/** The sizes `rows` span. */
export function measuredSizes(rows: readonly MessageRow[]): MeasuredSizes {
  const sizes = rows.map((row) => row.bytes);
  return { smallestBytes: Math.min(...sizes), largestBytes: Math.max(...sizes) };
}

/**
 * One sentence for a crossover, e.g. "worker-threads: from 256 KiB, SharedArrayBuffer (no
 * copy) beats structured clone (copy) on this machine: …".
 */
export function crossoverSentence(crossover: MessageCrossover, sizes: MeasuredSizes): string {
  const pair = PAIRS.find(
    (p) =>
      p.model === crossover.model &&
      p.fasterMode === crossover.fasterMode &&
      p.slowerMode === crossover.slowerMode,
  );
  const faster = MESSAGE_MODE_LABELS[crossover.fasterMode];
  const slower = MESSAGE_MODE_LABELS[crossover.slowerMode];
  const why = pair?.why ?? 'it copies less';
  if (crossover.fromBytes === null) {
    return `${MODELS[crossover.model].label}: ${slower} stayed as fast as ${faster} or faster up to ${formatBytes(sizes.largestBytes)} on this machine.`;
  }
  const from =
    crossover.fromBytes <= sizes.smallestBytes
      ? `at every size measured (${formatBytes(sizes.smallestBytes)} to ${formatBytes(sizes.largestBytes)})`
      : `from ${formatBytes(crossover.fromBytes)}`;
  return `${MODELS[crossover.model].label}: ${from}, ${faster} beats ${slower} on this machine: ${why}.`;
}

/**
 * The explorer's structured-clone median over the bare postMessage control's, per size: near
 * 1 when the explorer adds nothing of its own to what it measures.
 */
export function controlRatios(rows: readonly MessageRow[]): { bytes: number; ratio: number }[] {
  const control = mediansBySize(rows, 'worker-threads', 'bare-post-message');
  const clone = mediansBySize(rows, 'worker-threads', 'structured-clone');
  return [...clone.keys()]
    .filter((bytes) => control.has(bytes) && control.get(bytes)! > 0)
    .sort((a, b) => a - b)
    .map((bytes) => ({ bytes, ratio: clone.get(bytes)! / control.get(bytes)! }));
}

/**
 * How the explorer's structured-clone figures compare with the bare control, e.g. "Checked
 * against a bare postMessage round trip measured beside it: 0.95–1.12× its time (median 1.01×)."
 */
export function controlSentence(ratios: readonly { ratio: number }[]): string | null {
  if (ratios.length === 0) return null;
  const sorted = ratios.map((r) => r.ratio).sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const fixed = (ratio: number): string => ratio.toFixed(2);
  return `Checked against a bare postMessage round trip measured beside it: structured clone took ${fixed(sorted[0]!)}–${fixed(sorted.at(-1)!)}× the control's time (median ${fixed(median)}×).`;
}
