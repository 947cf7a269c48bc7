import { describe, expect, it } from 'vitest';
import { judgeInterference } from '../../../src/shared/measurement';

const quiet = {
  otherLoadCores: 0.05,
  quietCheckCores: 0.02,
  parallelWorkers: 2,
  logicalCores: 4,
  limitCores: 0.25,
};

describe('judgeInterference', () => {
  it('leaves a quiet run unflagged', () => {
    expect(judgeInterference(quiet)).toMatchObject({ flagged: false, reasons: [] });
  });

  it('flags other load past the limit, in cores a person reads', () => {
    const judged = judgeInterference({ ...quiet, otherLoadCores: 0.9 });
    expect(judged.flagged).toBe(true);
    expect(judged.reasons).toEqual([
      'other programs used up to 0.9 of a core while it ran (the limit is 0.25 of a core)',
    ]);
  });

  it('flags more parallel workers than logical cores as oversubscribed', () => {
    const judged = judgeInterference({ ...quiet, parallelWorkers: 8 });
    expect(judged.reasons).toEqual([
      'oversubscribed: 8 parallel workers on 4 logical cores, so workers waited for a core',
    ]);
  });

  it('flags a machine that was already busy before the run began', () => {
    const judged = judgeInterference({ ...quiet, quietCheckCores: 1.2 });
    expect(judged.reasons).toEqual(['before the run, other programs already used 1.2 cores']);
  });

  it('says none of it where the OS cannot tell the load', () => {
    const judged = judgeInterference({ ...quiet, otherLoadCores: null, quietCheckCores: null });
    expect(judged).toMatchObject({ flagged: false, otherLoadCores: null });
  });
});
