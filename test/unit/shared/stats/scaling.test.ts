import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import {
  amdahlThroughput,
  fitScaling,
  sweepObservations,
  sweepPoints,
  uslThroughput,
  type ScalingObservation,
} from '../../../../src/shared/stats/scaling';
import { REFERENCE_CASES } from '../../../fixtures/usl-reference';

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

/** X(N) of the USL, written out so the tests do not check Corelab against itself. */
function usl(gamma: number, sigma: number, kappa: number, n: number): number {
  return (gamma * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

/**
 * `rounds` observations at each N of `workers`, following `truth`, with multiplicative noise
 * uniform in ±`noise` from a seeded generator.
 */
function observe(
  workers: readonly number[],
  truth: (n: number) => number,
  { rounds = 1, noise = 0, seed = 1 } = {},
): ScalingObservation[] {
  const random = seededRandom(seed);
  return workers.flatMap((n) =>
    Array.from({ length: rounds }, () => ({
      workers: n,
      throughput: truth(n) * (1 + (random() * 2 - 1) * noise),
    })),
  );
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** |actual − expected| / expected, for the 2% agreement. */
const relative = (actual: number, expected: number): number =>
  Math.abs(actual - expected) / Math.abs(expected);

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

describe('fitScaling: the USL by non-linear least squares', () => {
  it('recovers σ, κ and γ from exact data', () => {
    const fit = fitScaling(observe(range(1, 32), (n) => usl(50, 0.05, 0.001, n)));
    expect(fit.usl!.sigma).toBeCloseTo(0.05, 6);
    expect(fit.usl!.kappa).toBeCloseTo(0.001, 8);
    expect(fit.usl!.gamma).toBeCloseTo(50, 4);
    expect(fit.usl!.peakWorkers).toBeCloseTo(Math.sqrt(0.95 / 0.001), 3);
    expect(fit.usl!.rmse).toBeLessThan(1e-6);
  });

  it.each([11, 12, 13, 14, 15])(
    'recovers known σ, κ, γ from 5 noisy rounds per N (±3%%, seed %i), inside its 95%% intervals',
    (seed) => {
      const truth = { gamma: 120, sigma: 0.08, kappa: 0.002 };
      const fit = fitScaling(
        observe(range(1, 24), (n) => usl(truth.gamma, truth.sigma, truth.kappa, n), {
          rounds: 5,
          noise: 0.03,
          seed,
        }),
      );
      const { usl: got } = fit;
      expect(fit.observations).toBe(120);
      expect(relative(got!.sigma, truth.sigma)).toBeLessThan(0.15);
      expect(relative(got!.kappa, truth.kappa)).toBeLessThan(0.15);
      expect(relative(got!.gamma, truth.gamma)).toBeLessThan(0.03);
      for (const key of ['sigma', 'kappa', 'gamma'] as const) {
        expect(got!.ci95![key].low).toBeLessThanOrEqual(truth[key]);
        expect(got!.ci95![key].high).toBeGreaterThanOrEqual(truth[key]);
      }
      expect(got!.peakWorkers).not.toBeNull();
    },
  );

  it('keeps σ and κ at 0 for perfectly linear scaling, and reports no peak', () => {
    const fit = fitScaling(observe(range(1, 16), (n) => 10 * n));
    expect(fit.usl!.sigma).toBe(0);
    expect(fit.usl!.kappa).toBe(0);
    expect(fit.usl!.peakWorkers).toBeNull();
    expect(fit.amdahl!.serialFraction).toBe(0);
    expect(fit.amdahl!.asymptoteThroughput).toBeNull();
  });

  it('reports no peak when the interval of κ reaches 0, and says so', () => {
    // Amdahl-shaped truth (κ = 0) with heavy noise: any κ the fit finds is noise.
    const fit = fitScaling(
      observe(range(1, 8), (n) => usl(10, 0.1, 0, n), { rounds: 3, noise: 0.08, seed: 3 }),
    );
    expect(fit.usl!.peakWorkers).toBeNull();
    expect(fit.usl!.peakThroughput).toBeNull();
    // This seed's noise gives κ > 0, which a point estimate alone would turn into a peak.
    expect(fit.usl!.kappa).toBeGreaterThan(0);
    expect(fit.usl!.ci95!.kappa.low).toBe(0);
    expect(fit.notes.join(' ')).toMatch(/no peak/);
  });

  it('calls a peak beyond twice the largest measured N a guess', () => {
    const fit = fitScaling(observe(range(1, 6), (n) => usl(10, 0.01, 0.0004, n)));
    expect(fit.usl!.peakWorkers).toBeGreaterThan(12);
    expect(fit.usl!.isPeakGuess).toBe(true);
    expect(fit.notes.join(' ')).toMatch(/beyond twice the largest measured count \(6\).*guess/);
  });
});

describe('fitScaling against the R package usl (held-out, published data)', () => {
  it.each(REFERENCE_CASES)('agrees within 2% on $name', (ref) => {
    const fit = fitScaling(
      ref.workers.map((workers, i) => ({ workers, throughput: ref.throughput[i]! })),
    );
    const got = fit.usl!;
    expect(relative(got.sigma, ref.sigma)).toBeLessThan(0.02);
    expect(relative(got.gamma, ref.gamma)).toBeLessThan(0.02);
    if (ref.kappa === 0) {
      expect(got.kappa).toBe(0);
      expect(got.peakWorkers).toBeNull();
    } else {
      expect(relative(got.kappa, ref.kappa)).toBeLessThan(0.02);
      expect(relative(got.peakWorkers!, ref.peakWorkers!)).toBeLessThan(0.02);
      expect(relative(got.peakThroughput!, ref.peakThroughput!)).toBeLessThan(0.02);
    }
  });

  it.each(REFERENCE_CASES.filter((ref) => ref.stdErrors))(
    'its 95% intervals come from the same standard errors as the reference ($name)',
    (ref) => {
      const n = ref.workers.length;
      const fit = fitScaling(
        ref.workers.map((workers, i) => ({ workers, throughput: ref.throughput[i]! })),
      );
      // The interval is estimate ± t(0.975, n − 3)·se; t for n − 3 = 4 and 3 degrees of freedom.
      const t = n === 7 ? 2.776445105 : 3.182446305;
      const got = fit.usl!;
      for (const key of ['sigma', 'kappa', 'gamma'] as const) {
        const se = (got.ci95![key].high - got[key]) / t;
        expect(relative(se, ref.stdErrors![key])).toBeLessThan(0.02);
      }
    },
  );

  it('puts the Amdahl asymptote of specsdm91 where the USL limit γ/σ of the reference is', () => {
    const ref = REFERENCE_CASES[0]!;
    const fit = fitScaling(
      ref.workers.map((workers, i) => ({ workers, throughput: ref.throughput[i]! })),
    );
    expect(relative(fit.usl!.gamma / fit.usl!.sigma, 3245.589)).toBeLessThan(0.02);
  });
});

describe("fitScaling: Amdahl's law", () => {
  it('recovers the serial fraction and γ from noisy rounds', () => {
    const fit = fitScaling(
      observe(range(1, 12), (n) => usl(40, 0.1, 0, n), { rounds: 4, noise: 0.02, seed: 7 }),
    );
    expect(fit.amdahl!.serialFraction).toBeCloseTo(0.1, 2);
    expect(relative(fit.amdahl!.gamma, 40)).toBeLessThan(0.02);
    expect(relative(fit.amdahl!.asymptoteThroughput!, 400)).toBeLessThan(0.1);
    expect(fit.amdahl!.ci95!.serialFraction.low).toBeLessThan(0.1);
    expect(fit.amdahl!.ci95!.serialFraction.high).toBeGreaterThan(0.1);
  });

  it('puts all the work serial when more workers bring nothing', () => {
    const fit = fitScaling(observe(range(1, 6), () => 5));
    expect(fit.amdahl!.serialFraction).toBeCloseTo(1, 6);
  });
});

describe('fitScaling: only what the data can carry', () => {
  it('fits nothing from 2 worker counts, and says why and what to do', () => {
    const fit = fitScaling(observe([1, 2], (n) => 10 * n, { rounds: 5, noise: 0.01 }));
    expect(fit.usl).toBeNull();
    expect(fit.amdahl).toBeNull();
    expect(fit.distinctWorkers).toBe(2);
    expect(fit.notes.join(' ')).toMatch(
      /USL.*at least 4 different worker counts.*has 2; sweep to at least 4 workers/,
    );
    expect(fit.notes.join(' ')).toMatch(/Amdahl.*at least 3 different worker counts/);
  });

  it('fits Amdahl but not the USL from 3 worker counts', () => {
    const fit = fitScaling(observe([1, 2, 3], (n) => usl(10, 0.1, 0, n)));
    expect(fit.amdahl).not.toBeNull();
    expect(fit.usl).toBeNull();
  });

  it('takes many observations per worker count: one per round of a sweep', () => {
    const observations = sweepObservations([
      { workers: 1, roundWallMs: [1000, 800] },
      { workers: 2, roundWallMs: [500] },
    ]);
    expect(observations).toEqual([
      { workers: 1, throughput: 1 },
      { workers: 1, throughput: 1.25 },
      { workers: 2, throughput: 2 },
    ]);
  });

  it('refuses non-integer workers and non-positive throughput, naming the field', () => {
    expect(() => fitScaling([{ workers: 1.5, throughput: 1 }])).toThrow(/observation workers/);
    expect(() => fitScaling([{ workers: 2, throughput: 0 }])).toThrow(/observation throughput/);
    expect(() => fitScaling([{ workers: 2, throughput: Number.NaN }])).toThrow(LabError);
  });

  it('evaluates the fitted curves as the formulas say', () => {
    const fit = fitScaling(observe(range(1, 8), (n) => usl(10, 0.05, 0.01, n)));
    expect(uslThroughput(fit.usl!, 5)).toBeCloseTo(usl(10, 0.05, 0.01, 5), 4);
    expect(amdahlThroughput(fit.amdahl!, 1)).toBeCloseTo(fit.amdahl!.gamma, 10);
  });
});
