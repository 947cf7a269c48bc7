/**
 * Zod schemas of a sweep's analysis (SweepPoint, ScalingFit). Apart from lab-wire.ts so that
 * the snapshot schema, which lab-wire itself imports, can use them without an import cycle.
 */
import { z } from 'zod';

export const sweepPointSchema = z.object({
  workers: z.number().int().positive(),
  /** Median over rounds of the work's time (start-up excluded). */
  wallMs: z.number().nonnegative(),
  rounds: z.number().int().positive(),
  wallMsMin: z.number().nonnegative(),
  wallMsMax: z.number().nonnegative(),
  /** Every round's wallMs, for fits that use each round. */
  roundWallMs: z.array(z.number().nonnegative()),
  speedup: z.number(),
  efficiency: z.number(),
});

const intervalSchema = z.object({ low: z.number(), high: z.number() });

export const uslFitSchema = z.object({
  sigma: z.number(),
  kappa: z.number(),
  gamma: z.number(),
  ci95: z
    .object({ sigma: intervalSchema, kappa: intervalSchema, gamma: intervalSchema })
    .nullable(),
  peakWorkers: z.number().nullable(),
  peakThroughput: z.number().nullable(),
  isPeakGuess: z.boolean(),
  rmse: z.number(),
});

export const amdahlFitSchema = z.object({
  serialFraction: z.number(),
  gamma: z.number(),
  ci95: z.object({ serialFraction: intervalSchema, gamma: intervalSchema }).nullable(),
  asymptoteThroughput: z.number().nullable(),
  rmse: z.number(),
});

export const scalingFitSchema = z.object({
  observations: z.number().int().nonnegative(),
  distinctWorkers: z.number().int().nonnegative(),
  maxWorkers: z.number().int().nonnegative(),
  usl: uslFitSchema.nullable(),
  amdahl: amdahlFitSchema.nullable(),
  baselineThroughput: z.number().positive(),
  notes: z.array(z.string().max(1000)).max(20),
});
