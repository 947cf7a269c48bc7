import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import {
  amdahlSpeedup,
  explainFit,
  fitAmdahl,
  fitScaling,
  fitUsl,
  sweepPoints,
  uslSpeedup,
  type ScalingFit,
  type SweepPoint,
} from '../../../../src/shared/stats/scaling';

const BASE_MS = 8000;

/** mulberry32: a tiny seeded PRNG, so the noisy data is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sweep for N = 1..maxWorkers whose wall times follow the given speedup curve. */
function synthetic(
  maxWorkers: number,
  speedup: (workers: number) => number,
  noise: () => number = () => 0,
): SweepPoint[] {
  return sweepPoints(
    Array.from({ length: maxWorkers }, (_, i) => ({
      workers: i + 1,
      roundWallMs: [(BASE_MS / speedup(i + 1)) * (1 + noise())],
    })),
  );
}

/** Multiplicative noise uniform in ±2%. */
function twoPercent(seed: number): () => number {
  const random = seededRandom(seed);
  return () => (random() * 2 - 1) * 0.02;
}

/** Every number in a fit, to check that none is NaN or infinite. */
function numbersOf(fit: ScalingFit): number[] {
  return [fit.amdahl.serialFraction, fit.amdahl.rmse, fit.usl.sigma, fit.usl.kappa, fit.usl.rmse];
}

describe('sweepPoints', () => {
  it('derives speedup from the workers = 1 run and efficiency as speedup / N, sorted by N', () => {
    const points = sweepPoints([
      { workers: 4, roundWallMs: [400] },
      { workers: 1, roundWallMs: [1000] },
      { workers: 2, roundWallMs: [625] },
    ]);
    expect(
      points.map(({ workers, wallMs, speedup, efficiency }) => [
        workers,
        wallMs,
        speedup,
        efficiency,
      ]),
    ).toEqual([
      [1, 1000, 1, 1],
      [2, 625, 1.6, 0.8],
      [4, 400, 2.5, 0.625],
    ]);
  });

  it("takes the median of each worker count's rounds, with their range", () => {
    const [one, two] = sweepPoints([
      { workers: 1, roundWallMs: [1100, 1000, 900] },
      { workers: 2, roundWallMs: [520, 480, 500, 600] },
    ]);
    expect(one).toMatchObject({ wallMs: 1000, rounds: 3, wallMsMin: 900, wallMsMax: 1100 });
    expect(two).toMatchObject({ wallMs: 500, rounds: 4, wallMsMin: 480, wallMsMax: 600 });
    expect(two!.speedup).toBeCloseTo(1000 / 500, 12);
  });

  it('refuses a sweep without a workers = 1 baseline', () => {
    const attempt = () => sweepPoints([{ workers: 2, roundWallMs: [500] }]);
    expect(attempt).toThrow(LabError);
    expect(attempt).toThrow(/workers = 1/);
    try {
      attempt();
    } catch (error) {
      expect((error as LabError).code).toBe('invalid-argument');
    }
  });

  it('refuses repeated worker counts, non-integer workers and non-positive times', () => {
    const base = { workers: 1, roundWallMs: [1000] };
    expect(() => sweepPoints([base, { workers: 1, roundWallMs: [900] }])).toThrow(
      /must not repeat/,
    );
    expect(() => sweepPoints([base, { workers: 1.5, roundWallMs: [900] }])).toThrow(
      /positive integer/,
    );
    expect(() => sweepPoints([base, { workers: 2, roundWallMs: [0] }])).toThrow(/wallMs/);
    expect(() => sweepPoints([base, { workers: 2, roundWallMs: [Number.NaN] }])).toThrow(/wallMs/);
  });
});

describe('fitAmdahl', () => {
  it('recovers a serial fraction of 0.1 from exact data for N = 1..16', () => {
    const fit = fitAmdahl(synthetic(16, (n) => amdahlSpeedup(0.1, n)));
    expect(Math.abs(fit.serialFraction - 0.1)).toBeLessThan(1e-6);
    expect(fit.rmse).toBeLessThan(1e-9);
  });

  it('recovers the serial fraction within 0.01 from data with ±2% noise', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const fit = fitAmdahl(synthetic(16, (n) => amdahlSpeedup(0.1, n), twoPercent(seed)));
      expect(Math.abs(fit.serialFraction - 0.1)).toBeLessThan(0.01);
      expect(fit.rmse).toBeGreaterThan(0);
      expect(fit.rmse).toBeLessThan(0.15);
    }
  });

  it('gives s = 0 for perfect linear scaling and s = 1 when workers never help', () => {
    expect(fitAmdahl(synthetic(16, (n) => n)).serialFraction).toBe(0);
    expect(fitAmdahl(synthetic(8, () => 1)).serialFraction).toBe(1);
  });

  it('clamps superlinear speedups to s = 0 rather than a negative fraction', () => {
    const fit = fitAmdahl(synthetic(8, (n) => (n === 1 ? 1 : 1.2 * n)));
    expect(fit.serialFraction).toBe(0);
  });

  it('refuses a point whose speedup is not positive', () => {
    const points: SweepPoint[] = [
      {
        workers: 2,
        wallMs: 1,
        rounds: 1,
        wallMsMin: 1,
        wallMsMax: 1,
        roundWallMs: [1],
        speedup: 0,
        efficiency: 0,
      },
    ];
    expect(() => fitAmdahl(points)).toThrow(/speedup/);
  });
});

describe('fitUsl', () => {
  it('recovers σ = 0.05 and κ = 0.001 and the peak from exact data for N = 1..32', () => {
    const fit = fitUsl(synthetic(32, (n) => uslSpeedup(0.05, 0.001, n)));
    expect(Math.abs(fit.sigma - 0.05)).toBeLessThan(1e-6);
    expect(Math.abs(fit.kappa - 0.001)).toBeLessThan(1e-6);
    expect(fit.peakWorkers).not.toBeNull();
    expect(Math.abs(fit.peakWorkers! - Math.sqrt(0.95 / 0.001))).toBeLessThan(1e-6);
    expect(fit.rmse).toBeLessThan(1e-9);
  });

  it('recovers σ, κ and the peak within tolerance from data with ±2% noise', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const fit = fitUsl(synthetic(32, (n) => uslSpeedup(0.05, 0.001, n), twoPercent(seed)));
      expect(Math.abs(fit.sigma - 0.05)).toBeLessThan(0.01);
      expect(Math.abs(fit.kappa - 0.001)).toBeLessThan(0.0001);
      expect(Math.abs(fit.peakWorkers! - 30.82)).toBeLessThan(2);
      expect(fit.rmse).toBeLessThan(0.2);
    }
  });

  it('finds no contention, no coherency cost and no peak for perfect linear scaling', () => {
    const fit = fitUsl(synthetic(16, (n) => n));
    expect(fit.sigma).toBe(0);
    expect(fit.kappa).toBe(0);
    expect(fit.peakWorkers).toBeNull();
  });

  it('puts the peak where retrograde data turns down', () => {
    const fit = fitUsl(synthetic(8, (n) => uslSpeedup(0.3, 0.2, n)));
    expect(fit.peakWorkers).toBeCloseTo(Math.sqrt(0.7 / 0.2), 6);
  });

  it('clamps a negative σ to 0 and refits κ alone', () => {
    // Linearised data σ = −0.05, κ = 0.01: the unconstrained fit would return σ < 0.
    const points = synthetic(8, (n) => n / (1 - 0.05 * (n - 1) + 0.01 * n * (n - 1)));
    let sby = 0;
    let sbb = 0;
    for (const { workers: n, speedup } of points) {
      sby += n * (n - 1) * (n / speedup - 1);
      sbb += (n * (n - 1)) ** 2;
    }
    const fit = fitUsl(points);
    expect(fit.sigma).toBe(0);
    expect(fit.kappa).toBeGreaterThan(0);
    expect(fit.kappa).toBeCloseTo(sby / sbb, 12);
  });

  it('clamps superlinear speedups to σ = κ = 0', () => {
    const fit = fitUsl(synthetic(8, (n) => (n === 1 ? 1 : 1.2 * n)));
    expect(fit.sigma).toBe(0);
    expect(fit.kappa).toBe(0);
    expect(fit.peakWorkers).toBeNull();
  });

  it('gives σ = 1 and no peak when workers never help', () => {
    const fit = fitUsl(synthetic(8, () => 1));
    expect(fit.sigma).toBeCloseTo(1, 12);
    expect(fit.kappa).toBe(0);
    expect(fit.peakWorkers).toBeNull();
  });
});

describe('fitScaling on degenerate sweeps', () => {
  it('stays finite for one point, two points, no points and flat speedups', () => {
    const sweeps: SweepPoint[][] = [
      sweepPoints([{ workers: 1, roundWallMs: [1000] }]),
      sweepPoints([
        { workers: 1, roundWallMs: [1000] },
        { workers: 2, roundWallMs: [600] },
      ]),
      [],
      synthetic(8, () => 1),
    ];
    for (const points of sweeps) {
      const fit = fitScaling(points);
      for (const value of numbersOf(fit)) expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('fits two points exactly with contention alone, as Amdahl does', () => {
    const fit = fitScaling(
      sweepPoints([
        { workers: 1, roundWallMs: [1000] },
        { workers: 2, roundWallMs: [600] },
      ]),
    );
    expect(fit.amdahl.serialFraction).toBeCloseTo(0.2, 12);
    expect(fit.usl.sigma).toBeCloseTo(0.2, 12);
    expect(fit.usl.kappa).toBe(0);
    expect(fit.usl.rmse).toBeLessThan(1e-12);
  });
});

describe('explainFit', () => {
  it('names the serial share, σ, κ and the predicted peak in one sentence', () => {
    const points = synthetic(32, (n) => uslSpeedup(0.05, 0.001, n));
    const text = explainFit(fitScaling(points), 32);
    expect(text).toMatch(/^About \d+% of the work behaves as serial \(Amdahl\); /);
    expect(text).toContain('σ = 0.05');
    expect(text).toContain('κ = 0.001');
    expect(text).toContain('at about 31 workers, within the 32 measured.');
  });

  it('says when the peak lies beyond the measured range', () => {
    const fit = fitScaling(synthetic(16, (n) => uslSpeedup(0.05, 0.001, n)));
    expect(explainFit(fit, 16)).toContain('beyond the 16 measured');
  });

  it('says speedup keeps growing for perfect scaling', () => {
    const text = explainFit(fitScaling(synthetic(16, (n) => n)), 16);
    expect(text).toMatch(/^Practically none of the work behaves as serial/);
    expect(text).toContain('keep growing');
  });

  it('gives the ceiling 1/σ when there is contention but no coherency cost', () => {
    const text = explainFit(fitScaling(synthetic(16, (n) => amdahlSpeedup(0.1, n))), 16);
    expect(text).toContain('About 10% of the work behaves as serial');
    expect(text).toContain('levels off towards 10.0×');
  });

  it('says extra workers do not help when speedup stays at 1', () => {
    const text = explainFit(fitScaling(synthetic(8, () => 1)), 8);
    expect(text).toContain('no speedup at all');
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('asks for a wider sweep when only one worker count was measured', () => {
    const fit = fitScaling(sweepPoints([{ workers: 1, roundWallMs: [1000] }]));
    expect(explainFit(fit, 1)).toMatch(/cannot be estimated from one worker count/);
  });

  it('refuses a maxWorkersMeasured that is not a positive integer', () => {
    const fit = fitScaling(synthetic(4, (n) => n));
    expect(() => explainFit(fit, 0)).toThrow(/maxWorkersMeasured must be a positive integer/);
  });
});
