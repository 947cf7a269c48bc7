/** Scaling analysis of a sweep: speedup, efficiency, Amdahl and USL fits. */
import { invalidArgument } from '../errors';
import { formatCount, formatPercent, formatSignificant, formatSpeedup } from '../format';

export interface SweepPoint {
  workers: number;
  /** Median over rounds of the work's time (start-up excluded). */
  wallMs: number;
  rounds: number;
  wallMsMin: number;
  wallMsMax: number;
  /** Every round's wallMs, in round order. */
  roundWallMs: number[];
  /** T(1) / T(N). */
  speedup: number;
  /** speedup / N. */
  efficiency: number;
}

export interface ScalingFit {
  amdahl: {
    /** Fitted serial fraction s in 0..1 of S(N) = 1 / (s + (1 - s) / N). */
    serialFraction: number;
    /** Root-mean-square error of the fit against measured speedups. */
    rmse: number;
  };
  usl: {
    /** Contention σ of S(N) = N / (1 + σ(N - 1) + κN(N - 1)). */
    sigma: number;
    /** Coherency κ. */
    kappa: number;
    /** N at which the fit peaks, sqrt((1 - σ) / κ); null when κ is 0 (no peak). */
    peakWorkers: number | null;
    rmse: number;
  };
}

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

/**
 * Fitted coefficients below this are floating-point residue of exact data, not a real
 * effect; snapping them to 0 keeps perfect scaling from "peaking" at a billion workers.
 */
const NEGLIGIBLE = 1e-12;

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

/** Amdahl's law: the speedup of N workers when a fraction s of the work is serial. */
export function amdahlSpeedup(serialFraction: number, workers: number): number {
  return 1 / (serialFraction + (1 - serialFraction) / workers);
}

/** The Universal Scalability Law's speedup of N workers. */
export function uslSpeedup(sigma: number, kappa: number, workers: number): number {
  return workers / (1 + sigma * (workers - 1) + kappa * workers * (workers - 1));
}

/**
 * Least-squares serial fraction. Amdahl linearises exactly: 1/S − 1/N = s(1 − 1/N), a line
 * through the origin, so s = Σxy / Σx². The workers = 1 point carries no information (x = 0).
 */
export function fitAmdahl(points: readonly SweepPoint[]): ScalingFit['amdahl'] {
  checkPoints(points);
  let sxx = 0;
  let sxy = 0;
  for (const { workers, speedup } of points) {
    const x = 1 - 1 / workers;
    const y = 1 / speedup - 1 / workers;
    sxx += x * x;
    sxy += x * y;
  }
  // With no point beyond N = 1 nothing is known; 0 ("no serial part seen") keeps it finite.
  const fitted = sxx > 0 ? snap(clamp(sxy / sxx, 0, 1)) : 0;
  return {
    serialFraction: fitted,
    rmse: rmse(points, (n) => amdahlSpeedup(fitted, n)),
  };
}

/**
 * Least-squares USL coefficients, both ≥ 0. USL linearises as N/S − 1 = σ(N − 1) + κN(N − 1),
 * a plane through the origin, solved by its 2×2 normal equations. When the unconstrained
 * solution has a negative coefficient the best non-negative one lies on an edge (σ = 0 or
 * κ = 0, the other refitted alone), so both edges are tried and the closer fit kept.
 */
export function fitUsl(points: readonly SweepPoint[]): ScalingFit['usl'] {
  checkPoints(points);
  let saa = 0;
  let sab = 0;
  let sbb = 0;
  let say = 0;
  let sby = 0;
  for (const { workers: n, speedup } of points) {
    const a = n - 1;
    const b = n * (n - 1);
    const y = n / speedup - 1;
    saa += a * a;
    sab += a * b;
    sbb += b * b;
    say += a * y;
    sby += b * y;
  }
  // Sum of squared residuals of the linearised model, to compare the constrained candidates.
  const sse = (sigma: number, kappa: number): number =>
    points.reduce((sum, { workers: n, speedup }) => {
      const r = n / speedup - 1 - sigma * (n - 1) - kappa * n * (n - 1);
      return sum + r * r;
    }, 0);

  let sigma = 0;
  let kappa = 0;
  const det = saa * sbb - sab * sab;
  // A relative test, because the sums grow like N⁶: with fewer than two worker counts above 1
  // the columns are collinear and only one coefficient can be known.
  const full =
    det > 1e-9 * saa * sbb
      ? { sigma: (say * sbb - sby * sab) / det, kappa: (saa * sby - sab * say) / det }
      : null;
  if (full && full.sigma >= 0 && full.kappa >= 0) {
    ({ sigma, kappa } = full);
  } else {
    const sigmaOnly = saa > 0 ? Math.max(0, say / saa) : 0;
    const kappaOnly = sbb > 0 ? Math.max(0, sby / sbb) : 0;
    // Ties (e.g. N = 1 and 2 only, which either edge fits exactly) go to contention alone:
    // the simpler explanation, and one that claims no peak it has not seen.
    if (sse(sigmaOnly, 0) <= sse(0, kappaOnly)) sigma = sigmaOnly;
    else kappa = kappaOnly;
  }
  sigma = snap(sigma);
  kappa = snap(kappa);
  return {
    sigma,
    kappa,
    peakWorkers: kappa > 0 && sigma < 1 ? Math.sqrt((1 - sigma) / kappa) : null,
    rmse: rmse(points, (n) => uslSpeedup(sigma, kappa, n)),
  };
}

/** Both fits of one sweep. */
export function fitScaling(points: readonly SweepPoint[]): ScalingFit {
  return { amdahl: fitAmdahl(points), usl: fitUsl(points) };
}

/** One plain sentence that tells a user what the fits mean for this sweep. */
export function explainFit(fit: ScalingFit, maxWorkersMeasured: number): string {
  if (!Number.isInteger(maxWorkersMeasured) || maxWorkersMeasured < 1) {
    throw invalidArgument(
      'maxWorkersMeasured',
      `must be a positive integer (got ${maxWorkersMeasured})`,
    );
  }
  if (maxWorkersMeasured === 1) {
    return 'Scaling cannot be estimated from one worker count; sweep to at least 2 workers.';
  }
  return `${explainAmdahl(fit.amdahl.serialFraction)}; ${explainUsl(fit.usl, maxWorkersMeasured)}.`;
}

/** The Amdahl half of the explanation. */
function explainAmdahl(serialFraction: number): string {
  if (serialFraction < 0.005) return 'Practically none of the work behaves as serial (Amdahl)';
  if (serialFraction > 0.995) return 'Practically all of the work behaves as serial (Amdahl)';
  return `About ${formatPercent(serialFraction)} of the work behaves as serial (Amdahl)`;
}

/** The Universal Scalability Law half of the explanation. */
function explainUsl(usl: ScalingFit['usl'], maxMeasured: number): string {
  const { sigma, kappa, peakWorkers } = usl;
  const sigmaText = `σ = ${formatSignificant(sigma)}`;
  if (sigma >= 1) return `contention ${sigmaText} means extra workers bring no speedup at all`;
  if (peakWorkers === null) {
    if (sigma === 0) {
      return 'the Universal Scalability Law sees no contention or coherency cost, so speedup should keep growing with more workers';
    }
    return `contention ${sigmaText} with no coherency cost (κ = 0) predicts a speedup that keeps growing but levels off towards ${formatSpeedup(1 / sigma)}`;
  }
  const coefficients = `contention ${sigmaText} and coherency cost κ = ${formatSignificant(kappa)}`;
  const peak = Math.round(peakWorkers);
  if (peak <= 1) return `${coefficients} predict that every worker beyond the first slows it down`;
  const best = formatSpeedup(uslSpeedup(sigma, kappa, peakWorkers));
  const where =
    peak <= maxMeasured
      ? `within the ${formatCount(maxMeasured)} measured`
      : `beyond the ${formatCount(maxMeasured)} measured`;
  return `${coefficients} predict the best speedup (about ${best}) at about ${formatCount(peak)} workers, ${where}`;
}

/** Refuses points that would turn a fit into NaN or Infinity. */
function checkPoints(points: readonly SweepPoint[]): void {
  for (const { workers, speedup } of points) {
    if (!Number.isFinite(workers) || workers < 1) {
      throw invalidArgument('sweep point workers', `must be at least 1 (got ${workers})`);
    }
    if (!Number.isFinite(speedup) || speedup <= 0) {
      throw invalidArgument('sweep point speedup', `must be a positive number (got ${speedup})`);
    }
  }
}

/** Root-mean-square difference between measured and predicted speedups; 0 for no points. */
function rmse(points: readonly SweepPoint[], predict: (workers: number) => number): number {
  if (points.length === 0) return 0;
  let sum = 0;
  for (const { workers, speedup } of points) sum += (predict(workers) - speedup) ** 2;
  return Math.sqrt(sum / points.length);
}

/** Limits a value to min..max. */
function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Zeroes a coefficient too small to be anything but rounding error. */
function snap(value: number): number {
  return Math.abs(value) < NEGLIGIBLE ? 0 : value;
}
