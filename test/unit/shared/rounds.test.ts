import { describe, expect, it } from 'vitest';
import { judgeInterference } from '../../../src/shared/measurement';
import {
  combineInterference,
  combineRounds,
  rotated,
  type RoundResult,
} from '../../../src/shared/rounds';
import { modelResult } from '../../fixtures/fake-lab-api';

/** One round of worker-threads that took `wallMs`. */
function round(wallMs: number, overrides: Partial<RoundResult> = {}): RoundResult {
  const {
    rounds: _r,
    wallMsMin: _min,
    wallMsMax: _max,
    roundWallMs: _all,
    ...result
  } = modelResult({ wallMs });
  return { ...result, ...overrides };
}

describe('rotated', () => {
  it('starts each round one model later, so no model always runs first', () => {
    const models = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((r) => rotated(models, r).join(''))).toEqual([
      'abc',
      'bca',
      'cab',
      'abc',
    ]);
    expect(rotated([], 2)).toEqual([]);
  });
});

describe('combineRounds', () => {
  it('reports the median round with the fastest and slowest beside it', () => {
    const combined = combineRounds([round(120), round(100), round(140)]);
    expect(combined).toMatchObject({
      wallMs: 120,
      rounds: 3,
      wallMsMin: 100,
      wallMsMax: 140,
      roundWallMs: [120, 100, 140],
    });
  });

  it('takes the lower middle round of an even count: a time some round really took', () => {
    expect(combineRounds([round(100), round(300)]).wallMs).toBe(100);
  });

  it('never hides a failed round behind a good one', () => {
    const failed = round(50, { isPartial: true, verified: false });
    const combined = combineRounds([round(100), failed, round(110)]);
    expect(combined.isPartial).toBe(true);
    expect(combined.wallMs).toBe(50);
  });
});

describe('combineInterference', () => {
  const figures = {
    quietCheckCores: 0.05,
    parallelWorkers: 2,
    logicalCores: 2,
    limitCores: 0.25,
  };

  it('judges the worst round once, rather than repeating each round’s reason', () => {
    const combined = combineInterference([
      judgeInterference({ ...figures, otherLoadCores: 0.9 }),
      judgeInterference({ ...figures, otherLoadCores: 1.4 }),
      judgeInterference({ ...figures, otherLoadCores: 0.1 }),
    ]);
    expect(combined?.flagged).toBe(true);
    expect(combined?.otherLoadCores).toBe(1.4);
    expect(combined?.reasons).toEqual([
      'other programs used up to 1.4 cores while it ran (the limit is 0.25 of a core), so the 2 workers had fewer than 2 cores',
    ]);
  });

  it('stays unflagged when every round was quiet', () => {
    const combined = combineInterference([judgeInterference({ ...figures, otherLoadCores: 0.1 })]);
    expect(combined).toMatchObject({ flagged: false, reasons: [] });
    expect(combineInterference([])).toBeUndefined();
  });
});
