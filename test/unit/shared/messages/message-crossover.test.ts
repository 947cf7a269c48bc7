import { describe, expect, it } from 'vitest';
import type { MessageMode, MessageRow } from '../../../../src/shared/messages/message-cost';
import {
  controlRatios,
  controlSentence,
  crossoverSentence,
  messageCrossovers,
} from '../../../../src/shared/messages/message-crossover';
import {
  ladderBetween,
  MESSAGE_SIZE_LADDER,
  parseMessageSizes,
} from '../../../../src/shared/messages/message-sizes';
import { isCellDone, messageRow } from '../../../../src/shared/messages/message-row';

/** Worker-thread rows with these medians by size. */
function rows(mode: MessageMode, medians: Record<number, number>): MessageRow[] {
  return Object.entries(medians).map(([bytes, ms]) =>
    messageRow('worker-threads', mode, Number(bytes), [ms]),
  );
}

describe('messageCrossovers', () => {
  it('finds the smallest size from which sharing stays faster', () => {
    const measured = [
      ...rows('structured-clone', { 8: 0.05, 512: 0.06, 32768: 0.2, 2097152: 2 }),
      ...rows('shared-array-buffer', { 8: 0.04, 512: 0.08, 32768: 0.05, 2097152: 0.05 }),
    ];
    // Faster at 8 B too, but not at 512 B: the crossover is the run that lasts to the top.
    expect(messageCrossovers(measured)).toEqual([
      {
        model: 'worker-threads',
        fasterMode: 'shared-array-buffer',
        slowerMode: 'structured-clone',
        fromBytes: 32768,
      },
    ]);
  });

  it('reports null when the sharing mode is not faster at the largest size', () => {
    const measured = [
      ...rows('structured-clone', { 8: 0.05, 512: 0.05 }),
      ...rows('transfer', { 8: 0.04, 512: 0.06 }),
    ];
    const [crossover] = messageCrossovers(measured);
    expect(crossover).toMatchObject({ fasterMode: 'transfer', fromBytes: null });
    expect(crossoverSentence(crossover!, { smallestBytes: 8, largestBytes: 512 })).toBe(
      'Worker threads: structured clone (copy) stayed as fast as transfer an ArrayBuffer or faster up to 512 B on this machine.',
    );
  });

  it('leaves out pairs with no size in common', () => {
    const measured = [
      ...rows('structured-clone', { 8: 0.05 }),
      ...rows('shared-array-buffer', { 512: 0.01 }),
    ];
    expect(messageCrossovers(measured)).toEqual([]);
  });

  it('explains a crossover in one sentence', () => {
    expect(
      crossoverSentence(
        {
          model: 'worker-threads',
          fasterMode: 'shared-array-buffer',
          slowerMode: 'structured-clone',
          fromBytes: 262144,
        },
        { smallestBytes: 8, largestBytes: 64 * 1024 * 1024 },
      ),
    ).toMatch(
      /^Worker threads: from 256 KiB, SharedArrayBuffer \(no copy\) beats structured clone \(copy\) on this machine: /,
    );
    expect(
      crossoverSentence(
        {
          model: 'python-multiprocessing',
          fasterMode: 'shared-memory',
          slowerMode: 'queue-pickle',
          fromBytes: 8,
        },
        { smallestBytes: 8, largestBytes: 64 * 1024 * 1024 },
      ),
    ).toMatch(
      /^Python multiprocessing: at every size measured \(8 B to 64 MiB\), multiprocessing.shared_memory beats/,
    );
  });
});

describe('controlRatios', () => {
  it('divides structured clone by the bare control, size by size', () => {
    const measured = [
      ...rows('structured-clone', { 8: 0.1, 512: 0.25 }),
      ...rows('bare-post-message', { 8: 0.1, 512: 0.2 }),
    ];
    expect(controlRatios(measured)).toEqual([
      { bytes: 8, ratio: 1 },
      { bytes: 512, ratio: 1.25 },
    ]);
    expect(controlSentence(controlRatios(measured))).toBe(
      "Checked against a bare postMessage round trip measured beside it: structured clone took 1.00–1.25× the control's time (median 1.00×).",
    );
    expect(controlSentence([])).toBeNull();
  });
});

describe('message sizes', () => {
  it('is a ladder of powers of 4 from 8 B, ending at 64 MiB', () => {
    expect(MESSAGE_SIZE_LADDER[0]).toBe(8);
    expect(MESSAGE_SIZE_LADDER.at(-2)).toBe(32 * 1024 * 1024);
    expect(MESSAGE_SIZE_LADDER.at(-1)).toBe(64 * 1024 * 1024);
    expect(ladderBetween(1024, 8192)).toEqual([2048, 8192]);
  });

  it('parses lists and ranges with units', () => {
    expect(parseMessageSizes('64MiB,8,32KiB,8')).toEqual([8, 32768, 67108864]);
    expect(parseMessageSizes('1KiB..32KiB')).toEqual([2048, 8192, 32768]);
    expect(() => parseMessageSizes('4')).toThrow(/from 8 to 64MiB/);
    expect(() => parseMessageSizes('65MiB')).toThrow(/from 8 to 64MiB/);
    expect(() => parseMessageSizes('1GB')).toThrow(/"1GB"/);
  });
});

describe('messageRow', () => {
  it('gives p50, p99 and MB/s at the median', () => {
    const row = messageRow('worker-threads', 'transfer', 1_000_000, [1, 2, 3, 4, 100]);
    expect(row.roundTripMsP50).toBe(3);
    expect(row.roundTripMsP99).toBeCloseTo(96.16);
    expect(row.mbPerSec).toBeCloseTo(333.33, 1);
  });

  it('stops a cell on its budget, or on one slow round trip', () => {
    const budget = {
      cellMs: 60,
      minRoundTrips: 3,
      maxRoundTrips: 200,
      slowCellMs: 500,
      slowMinRoundTrips: 1,
    };
    expect(isCellDone(budget, 2, 100)).toBe(false);
    expect(isCellDone(budget, 3, 100)).toBe(true);
    expect(isCellDone(budget, 1, 600)).toBe(true);
    expect(isCellDone(budget, 200, 1)).toBe(true);
  });
});
