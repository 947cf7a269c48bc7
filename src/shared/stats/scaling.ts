/**
 * Scaling analysis of a sweep: speedup and efficiency per worker count, and the Amdahl and
 * Universal Scalability Law fits on throughput, refused where the data cannot carry them.
 */
import type { z } from 'zod';
import { invalidArgument } from '../errors';
import type {
  amdahlFitSchema,
  scalingFitSchema,
  sweepPointSchema,
  uslFitSchema,
} from './scaling-schemas';
import { fitThroughputModel, modelThroughput, type ScalingObservation } from './throughput-model';

export type { Interval, ScalingObservation } from './throughput-model';

// What a sweep's analysis holds is what its schemas (scaling-schemas.ts) produce.
export type SweepPoint = z.output<typeof sweepPointSchema>;
export type UslFit = z.output<typeof uslFitSchema>;
export type AmdahlFit = z.output<typeof amdahlFitSchema>;
export type ScalingFit = z.output<typeof scalingFitSchema>;

/** The measured wall times of one worker count of a sweep (one per round). */
export interface SweepMeasurement {
  workers: number;
  roundWallMs: readonly number[];
}

/**
 * The median of a non-empty list, the lower middle value for an even count: a time some
 * round really took, as combineRounds reports it.
 */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Three coefficients need four worker counts to leave one to check them against. */
export const USL_MIN_WORKER_COUNTS = 4;
/** Amdahl's two coefficients need three. */
export const AMDAHL_MIN_WORKER_COUNTS = 3;
/** A peak further out than this many times the largest measured N is called a guess. */
const PEAK_GUESS_FACTOR = 2;

/**
 * Speedup and efficiency of each worker count against the workers = 1 run, sorted by N,
 * each from the median of its rounds.
 */
export function sweepPoints(measurements: readonly SweepMeasurement[]): SweepPoint[] {
  const seen = new Set<number>();
  for (const { workers, roundWallMs } of measurements) {
    if (!Number.isInteger(workers) || workers < 1) {
      throw invalidArgument('sweep workers', `must be a positive integer (got ${workers})`);
    }
    if (roundWallMs.length === 0) {
      throw invalidArgument(
        'sweep roundWallMs',
        `must hold at least one round (workers = ${workers})`,
      );
    }
    for (const wallMs of roundWallMs) {
      if (!Number.isFinite(wallMs) || wallMs <= 0) {
        throw invalidArgument('sweep wallMs', `must be a positive number of ms (got ${wallMs})`);
      }
    }
    if (seen.has(workers)) {
      throw invalidArgument('sweep workers', `must not repeat (workers = ${workers} twice)`);
    }
    seen.add(workers);
  }
  const base = measurements.find((m) => m.workers === 1);
  if (!base) {
    throw invalidArgument('sweep', 'must include a workers = 1 run as the speedup baseline');
  }
  const baseMs = median(base.roundWallMs);
  return [...measurements]
    .sort((a, b) => a.workers - b.workers)
    .map(({ workers, roundWallMs }) => {
      const wallMs = median(roundWallMs);
      const speedup = baseMs / wallMs;
      return {
        workers,
        wallMs,
        rounds: roundWallMs.length,
        wallMsMin: Math.min(...roundWallMs),
        wallMsMax: Math.max(...roundWallMs),
        roundWallMs: [...roundWallMs],
        speedup,
        efficiency: speedup / workers,
      };
    });
}

/**
 * Throughput of a run that did a fixed amount of work in `wallMs`: runs per second. Every
 * point of a sweep does the same work, so this is proportional to tasks per second.
 */
export function throughputOfWallMs(wallMs: number): number {
  return 1000 / wallMs;
}

/** A sweep's measurements as fit observations: one per round of each worker count. */
export function sweepObservations(measurements: readonly SweepMeasurement[]): ScalingObservation[] {
  return measurements.flatMap(({ workers, roundWallMs }) =>
    roundWallMs.map((wallMs) => ({ workers, throughput: throughputOfWallMs(wallMs) })),
  );
}

/** The fitted USL throughput at N. */
export function uslThroughput(usl: UslFit, workers: number): number {
  return modelThroughput(usl.gamma, usl.sigma, usl.kappa, workers);
}

/** The fitted Amdahl throughput at N. */
export function amdahlThroughput(amdahl: AmdahlFit, workers: number): number {
  return modelThroughput(amdahl.gamma, amdahl.serialFraction, 0, workers);
}

/**
 * Fits Amdahl's law and the USL to raw observations (several per worker count allowed, e.g.
 * one per round), each only where enough distinct worker counts were measured.
 */
export function fitScaling(observations: readonly ScalingObservation[]): ScalingFit {
  checkObservations(observations);
  const counts = new Set(observations.map((o) => o.workers));
  const distinctWorkers = counts.size;
  const maxWorkers = Math.max(0, ...counts);
  const notes: string[] = [];
  let amdahl: AmdahlFit | null = null;
  if (distinctWorkers >= AMDAHL_MIN_WORKER_COUNTS) {
    amdahl = fitAmdahl(observations);
  } else {
    notes.push(tooFewNote("Amdahl's law", AMDAHL_MIN_WORKER_COUNTS, distinctWorkers));
  }
  let usl: UslFit | null = null;
  if (distinctWorkers >= USL_MIN_WORKER_COUNTS) {
    usl = fitUsl(observations, maxWorkers);
    notes.push(...peakNotes(usl, maxWorkers));
  } else {
    notes.push(
      tooFewNote('the Universal Scalability Law (USL)', USL_MIN_WORKER_COUNTS, distinctWorkers),
    );
  }
  return {
    observations: observations.length,
    distinctWorkers,
    maxWorkers,
    usl,
    amdahl,
    baselineThroughput: speedupBaseline(observations, usl?.gamma ?? amdahl?.gamma),
    notes,
  };
}

/** See ScalingFit.baselineThroughput. */
function speedupBaseline(observations: readonly ScalingObservation[], gamma?: number): number {
  const ones = observations.filter((o) => o.workers === 1);
  if (ones.length > 0) return mean(ones.map((o) => o.throughput));
  if (gamma !== undefined && gamma > 0) return gamma;
  const smallest = Math.min(...observations.map((o) => o.workers));
  const atSmallest = observations.filter((o) => o.workers === smallest);
  return mean(atSmallest.map((o) => o.throughput)) / smallest;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Amdahl's law by non-linear least squares (the USL with κ = 0). */
function fitAmdahl(observations: readonly ScalingObservation[]): AmdahlFit {
  const fit = fitThroughputModel(observations, false);
  return {
    serialFraction: fit.sigma,
    gamma: fit.gamma,
    ci95: fit.ci95 && { serialFraction: fit.ci95.sigma, gamma: fit.ci95.gamma },
    asymptoteThroughput: fit.sigma > 0 ? fit.gamma / fit.sigma : null,
    rmse: fit.rmse,
  };
}

/** The USL by non-linear least squares, with its peak where the data shows one. */
function fitUsl(observations: readonly ScalingObservation[], maxWorkers: number): UslFit {
  const { gamma, sigma, kappa, ci95, rmse } = fitThroughputModel(observations, true);
  // A κ whose interval reaches 0 may be noise: the data then shows no peak.
  const hasPeak = kappa > 0 && ci95 !== null && ci95.kappa.low > 0;
  const peakWorkers = hasPeak ? Math.sqrt(Math.max(0, 1 - sigma) / kappa) : null;
  return {
    sigma,
    kappa,
    gamma,
    ci95,
    peakWorkers,
    peakThroughput: peakWorkers === null ? null : modelThroughput(gamma, sigma, kappa, peakWorkers),
    isPeakGuess: peakWorkers !== null && peakWorkers > PEAK_GUESS_FACTOR * maxWorkers,
    rmse,
  };
}

/** Why a law was not fitted, and what to do about it. */
function tooFewNote(law: string, needed: number, got: number): string {
  return (
    `No fit of ${law}: it needs at least ${needed} different worker counts and this has ` +
    `${got}; sweep to at least ${needed} workers.`
  );
}

/** What the data says, or cannot say, about a peak. */
function peakNotes(usl: UslFit, maxWorkers: number): string[] {
  if (usl.ci95 === null) {
    return ['The measurements cannot pin the USL coefficients down; their intervals are unknown.'];
  }
  if (usl.kappa > 0 && usl.peakWorkers === null) {
    return [
      'The data shows no peak: the coherency cost κ could be 0 (its 95% interval reaches 0). ' +
        'More rounds per worker count, or more worker counts, would narrow it.',
    ];
  }
  if (usl.isPeakGuess && usl.peakWorkers !== null) {
    return [
      `The predicted peak at about ${Math.round(usl.peakWorkers)} workers lies beyond twice ` +
        `the largest measured count (${maxWorkers}): treat it as a guess.`,
    ];
  }
  return [];
}

/** Refuses observations that would turn a fit into NaN or Infinity. */
function checkObservations(observations: readonly ScalingObservation[]): void {
  for (const { workers, throughput } of observations) {
    if (!Number.isInteger(workers) || workers < 1) {
      throw invalidArgument('observation workers', `must be a positive integer (got ${workers})`);
    }
    if (!Number.isFinite(throughput) || throughput <= 0) {
      throw invalidArgument(
        'observation throughput',
        `must be a positive number (got ${throughput})`,
      );
    }
  }
}
