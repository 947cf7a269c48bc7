/**
 * How a measurement was taken, beside what it measured: the machine's other load during each
 * round (interference), and the calibration that sized the work before the run (estimate).
 * Zod schemas, because both cross transports and are stored in snapshots.
 */
import { z } from 'zod';
import { formatSignificant } from './format';
import { MODEL_IDS } from './models';

/** Other load above this many cores flags a result unless the config says otherwise. */
export const DEFAULT_OTHER_LOAD_LIMIT_CORES = 0.25;

/** The machine's load that was not the run's own, and whether it disturbed the result. */
export const interferenceSchema = z.object({
  /**
   * CPU used on the machine by anything that is not the run's own processes and threads,
   * in cores: the largest of any round. null where the OS does not tell.
   */
  otherLoadCores: z.number().nonnegative().nullable(),
  /** The same figure over a quiet check of about 0.5 s just before the run. */
  quietCheckCores: z.number().nonnegative().nullable(),
  /** The most threads the run asked to compute at once (a single-threaded model counts 1). */
  parallelWorkers: z.number().int().nonnegative(),
  logicalCores: z.number().int().positive(),
  /** Other load above this many cores flags the result. */
  limitCores: z.number().nonnegative(),
  /** True when a reason below applies: the figures may not be the machine's own. */
  flagged: z.boolean(),
  /** Each reason in one plain sentence, e.g. "other programs used 0.9 of a core". */
  reasons: z.array(z.string()),
});
export type Interference = z.infer<typeof interferenceSchema>;

/** What an interference judgement is made from. */
export type InterferenceFigures = Omit<Interference, 'flagged' | 'reasons'>;

/** Cores in words: "0.4 of a core", "1 core", "1.8 cores". */
export function formatCores(value: number): string {
  const text = formatSignificant(value, 2);
  return value < 1 ? `${text} of a core` : `${text} ${text === '1' ? 'core' : 'cores'}`;
}

/**
 * Judges the figures: flagged when other programs used more than the limit (during the run
 * or in the quiet check before it), or when the run's parallel workers and the other load
 * together asked for more than the logical cores.
 */
export function judgeInterference(figures: InterferenceFigures): Interference {
  const { otherLoadCores, quietCheckCores, parallelWorkers, logicalCores, limitCores } = figures;
  const other = otherLoadCores ?? 0;
  const reasons: string[] = [];
  if (quietCheckCores !== null && quietCheckCores > limitCores) {
    reasons.push(`before the run, other programs already used ${formatCores(quietCheckCores)}`);
  }
  if (parallelWorkers > logicalCores) {
    reasons.push(
      `oversubscribed: ${parallelWorkers} parallel workers on ${logicalCores} logical cores, so workers waited for a core`,
    );
  }
  if (other > limitCores) {
    const squeezed =
      parallelWorkers <= logicalCores && parallelWorkers + other > logicalCores + limitCores
        ? `, so the ${parallelWorkers} workers had fewer than ${parallelWorkers} cores`
        : '';
    reasons.push(
      `other programs used up to ${formatCores(other)} while it ran (the limit is ${formatCores(limitCores)})${squeezed}`,
    );
  }
  return { ...figures, flagged: reasons.length > 0, reasons };
}

/** What calibration measured of one model, and what it expects of it. */
export const modelEstimateSchema = z.object({
  model: z.enum(MODEL_IDS),
  workers: z.number().int().positive(),
  /** Work-phase time of the calibration probe (a small run of the same kernel), ms. */
  probeMs: z.number().nonnegative(),
  /** Expected work-phase time of one round at the chosen size, ms. */
  roundMs: z.number().nonnegative(),
});
export type ModelEstimate = z.infer<typeof modelEstimateSchema>;

/** The size a run will use and how long it is expected to take, known before it starts. */
export const runEstimateSchema = z.object({
  /** Expected time of the whole run, every round and model, start-up included, ms. */
  estimatedMs: z.number().nonnegative(),
  rounds: z.number().int().positive(),
  /** The workload size the run uses (calibrated, or the config's own when it set one). */
  params: z.record(z.string(), z.number()),
  taskCount: z.number().int().positive(),
  /** True when calibration chose the size; false when the config's explicit size stands. */
  isSized: z.boolean(),
  /** Target time of the slowest model's round that sizing aims at, ms. */
  targetMs: z.number().positive(),
  /** Time spent calibrating, ms. */
  calibrationMs: z.number().nonnegative(),
  models: z.array(modelEstimateSchema),
  /**
   * The calibrated size and its estimate, offered when the config's explicit size runs
   * much longer than the target; absent otherwise.
   */
  smaller: z
    .object({
      params: z.record(z.string(), z.number()),
      taskCount: z.number().int().positive(),
      estimatedMs: z.number().nonnegative(),
    })
    .optional(),
  /** One plain sentence, e.g. "about 3 min — Python runs this kernel about 30× slower…". */
  note: z.string(),
});
export type RunEstimate = z.infer<typeof runEstimateSchema>;
