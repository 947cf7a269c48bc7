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

export const scalingFitSchema = z.object({
  amdahl: z.object({ serialFraction: z.number(), rmse: z.number() }),
  usl: z.object({
    sigma: z.number(),
    kappa: z.number(),
    peakWorkers: z.number().nullable(),
    rmse: z.number(),
  }),
});
