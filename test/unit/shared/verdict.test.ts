import { describe, expect, it } from 'vitest';
import type { ModelResult } from '../../../src/shared/results';
import { ratioRange, verdictSentence } from '../../../src/shared/verdict';
import { modelResult } from '../../fixtures/fake-lab-api';

/** A result of `model` whose rounds took the given times (median first in the list order). */
function measured(model: ModelResult['model'], walls: number[], cpuTimeMs: number): ModelResult {
  const sorted = [...walls].sort((a, b) => a - b);
  const wallMs = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return modelResult({
    model,
    wallMs,
    startupMs: 0,
    rounds: walls.length,
    wallMsMin: sorted[0]!,
    wallMsMax: sorted[sorted.length - 1]!,
    roundWallMs: walls,
    cpuTimeMs,
  });
}

describe('verdictSentence', () => {
  it('names the winner, the factor with its range, and why in words', () => {
    const text = verdictSentence(
      [
        measured('event-loop', [2000, 1950, 2050], 2000),
        measured('worker-threads', [1100, 1080, 1120], 2150),
      ],
      'cpu',
    );
    expect(text).toBe(
      'Worker threads finished 1.8× faster than the event loop (1.7–1.9×, 3 rounds): the work is CPU-bound and worker threads kept 2 cores busy, the event loop 1 core.',
    );
  });

  it('says "within noise" when the two ranges of rounds overlap', () => {
    const text = verdictSentence(
      [
        measured('worker-threads', [1000, 1100, 1200], 2000),
        measured('child-process', [1050, 1150, 1180], 2000),
      ],
      'cpu',
    );
    expect(text).toMatch(
      /^Worker threads and child processes finished within noise of each other \(/,
    );
    expect(text).not.toMatch(/faster/);
  });

  it('says when one round cannot show a spread', () => {
    const text = verdictSentence(
      [measured('event-loop', [2000], 2000), measured('worker-threads', [1000], 2000)],
      'cpu',
    );
    expect(text).toContain('(1 round, so no spread was measured)');
  });

  it('says "about the same time" rather than "1.0× faster" under 5 % apart', () => {
    const text = verdictSentence(
      [measured('child-process', [1030], 2000), measured('worker-threads', [1000], 2000)],
      'cpu',
    );
    expect(text).toMatch(
      /^Worker threads and child processes took about the same time \(1\.03× apart, 1 round, so no spread was measured\): /,
    );
    expect(text).not.toMatch(/faster/);
  });

  it('lets no wrong or unfinished answer win', () => {
    const wrong = { ...measured('worker-threads', [10], 20), verified: false, checksum: 1 };
    const partial = { ...measured('child-process', [5], 10), isPartial: true };
    expect(verdictSentence([wrong, partial], 'cpu')).toMatch(/^No model finished every task/);
    expect(verdictSentence([], 'cpu')).toBeNull();
  });

  it('explains I/O without cores, and JavaScript against CPython by the interpreter', () => {
    const io = verdictSentence(
      [measured('event-loop', [100], 10), measured('python-asyncio', [300], 30)],
      'io',
    );
    expect(io).toContain('how many wait at once, not how many cores compute');
    const cpu = verdictSentence(
      [measured('worker-threads', [100], 200), measured('python-multiprocessing', [3000], 6000)],
      'cpu',
    );
    expect(cpu).toContain("CPython's interpreter");
  });
});

describe('ratioRange', () => {
  it('spans the slowest-to-fastest and fastest-to-slowest pairs of rounds', () => {
    const winner = measured('worker-threads', [90, 100, 110], 1);
    const other = measured('event-loop', [190, 200, 210], 1);
    const range = ratioRange(winner, other);
    expect(range.median).toBe(2);
    expect(range.low).toBeCloseTo(190 / 110, 12);
    expect(range.high).toBeCloseTo(210 / 90, 12);
    expect(range.isWithinNoise).toBe(false);
  });
});
