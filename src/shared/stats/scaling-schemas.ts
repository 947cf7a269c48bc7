/**
 * Zod schemas of a sweep's analysis, whose outputs are its types (SweepPoint, ScalingFit in
 * scaling.ts). Apart from lab-wire.ts so that the snapshot schema, which lab-wire itself
 * imports, can use them without an import cycle.
 */
import { z } from 'zod';

export const sweepPointSchema = z.object({
  workers: z.number().int().positive(),
  /** Median over rounds of the work's time (start-up excluded). */
  wallMs: z.number().nonnegative(),
  rounds: z.number().int().positive(),
  wallMsMin: z.number().nonnegative(),
  wallMsMax: z.number().nonnegative(),
  /** Every round's wallMs, in round order, for fits that use each round. */
  roundWallMs: z.array(z.number().nonnegative()),
  /** T(1) / T(N). */
  speedup: z.number(),
  /** speedup / N. */
  efficiency: z.number(),
});

const intervalSchema = z.object({ low: z.number(), high: z.number() });

/** The USL, X(N) = γN / (1 + σ(N − 1) + κN(N − 1)), fitted by non-linear least squares. */
export const uslFitSchema = z.object({
  /** Contention: the share of time workers queue for something only one can use at a time. */
  sigma: z.number(),
  /** Coherency: the cost per pair of workers of keeping shared data consistent. */
  kappa: z.number(),
  /** The throughput of one worker, as the curve sees it (in the observations' unit). */
  gamma: z.number(),
  /** 95 % intervals; null where the data cannot pin the coefficients down. */
  ci95: z
    .object({ sigma: intervalSchema, kappa: intervalSchema, gamma: intervalSchema })
    .nullable(),
  /** N* = √((1 − σ)/κ); null when the data shows no peak (κ = 0, or its interval reaches 0). */
  peakWorkers: z.number().nullable(),
  /** X(N*); null with peakWorkers. */
  peakThroughput: z.number().nullable(),
  /** The peak lies beyond twice the largest measured worker count: a guess. */
  isPeakGuess: z.boolean(),
  /** Root-mean-square residual, in throughput units. */
  rmse: z.number(),
});

/** Amdahl's law in throughput form, X(N) = γN / (1 + s(N − 1)), fitted the same way. */
export const amdahlFitSchema = z.object({
  /** The serial fraction s: the share of the work only one worker at a time can do. */
  serialFraction: z.number(),
  gamma: z.number(),
  ci95: z.object({ serialFraction: intervalSchema, gamma: intervalSchema }).nullable(),
  /** Amdahl's asymptote γ/s, the throughput no number of workers exceeds; null when s = 0. */
  asymptoteThroughput: z.number().nullable(),
  rmse: z.number(),
});

/** Both fits of one set of observations, and what keeps either from being told. */
export const scalingFitSchema = z.object({
  /** How many observations and distinct worker counts the fits saw. */
  observations: z.number().int().nonnegative(),
  distinctWorkers: z.number().int().nonnegative(),
  maxWorkers: z.number().int().nonnegative(),
  /** null with fewer than USL_MIN_WORKER_COUNTS distinct worker counts. */
  usl: uslFitSchema.nullable(),
  /** null with fewer than AMDAHL_MIN_WORKER_COUNTS distinct worker counts. */
  amdahl: amdahlFitSchema.nullable(),
  /**
   * The throughput a speedup of 1 stands for: the mean measured at N = 1 where there is one
   * (as a sweep's speedups are), else the fitted γ, else the smallest N's per worker.
   */
  baselineThroughput: z.number().positive(),
  /** Plain sentences: why a fit is missing, and where a figure is only a guess. */
  notes: z.array(z.string().max(1000)).max(20),
});
