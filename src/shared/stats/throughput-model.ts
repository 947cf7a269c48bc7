/**
 * Non-linear least squares of the Universal Scalability Law on throughput,
 * X(N) = γN / (1 + σ(N − 1) + κN(N − 1)), as the R package `usl` fits it: γ free, σ in 0..1,
 * κ ≥ 0, every observation weighted alike. Amdahl's law is the same curve with κ fixed at 0.
 * The optimiser is ml-levenberg-marquardt (with bounds and an analytic Jacobian); the 95 %
 * intervals come from the covariance s²(JᵀJ)⁻¹ at the optimum and Student's t with n − p
 * degrees of freedom, as R's nls summary computes standard errors.
 */
import jStat from 'jstat';
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { Matrix, inverse } from 'ml-matrix';

/** One measured throughput at one worker count; a worker count may appear many times. */
export interface ScalingObservation {
  workers: number;
  throughput: number;
}

/** A 95 % confidence interval, clipped to the values the coefficient may take. */
export interface Interval {
  low: number;
  high: number;
}

/** The fitted coefficients of X(N) = γN / (1 + σ(N − 1) + κN(N − 1)). */
export interface ThroughputModelFit {
  gamma: number;
  sigma: number;
  kappa: number;
  /** null where the data cannot pin the coefficients down (a singular Jacobian). */
  ci95: { gamma: Interval; sigma: Interval; kappa: Interval } | null;
  /** Root-mean-square residual, in throughput units. */
  rmse: number;
}

/** X(N) of the USL (κ = 0 gives Amdahl's law in throughput form). */
export function modelThroughput(
  gamma: number,
  sigma: number,
  kappa: number,
  workers: number,
): number {
  return (gamma * workers) / (1 + sigma * (workers - 1) + kappa * workers * (workers - 1));
}

/**
 * Scaled coefficients below this are floating-point residue of exact data, not an effect;
 * snapping them to 0 keeps perfect scaling from "peaking" at a billion workers.
 */
const NEGLIGIBLE = 1e-9;

/** Zeroes a scaled coefficient too small to be anything but rounding error. */
function snap(value: number): number {
  return Math.abs(value) < NEGLIGIBLE ? 0 : value;
}

/** ∂X/∂(γ, σ, κ) at N. */
function gradient(gamma: number, sigma: number, kappa: number, n: number): number[] {
  const d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
  return [n / d, (-gamma * n * (n - 1)) / (d * d), (-gamma * n * n * (n - 1)) / (d * d)];
}

// The library stops on an absolute error only, so it is given none and a fixed budget: the
// problem is three coefficients on at most a few thousand points, which converges in far fewer.
const MAX_ITERATIONS = 1000;

/**
 * Fits γ, σ and (unless `withKappa` is false, Amdahl) κ. The optimiser works on scaled
 * coefficients, γ/γ₀ and κ·N_max(N_max − 1), all near 1, because its damping is one number
 * for all of them; the data are scaled by γ₀ = max X/N (R's starting γ) for the same reason.
 */
export function fitThroughputModel(
  observations: readonly ScalingObservation[],
  withKappa: boolean,
): ThroughputModelFit {
  const x = observations.map((o) => o.workers);
  const gamma0 = Math.max(...observations.map((o) => o.throughput / o.workers));
  const maxWorkers = Math.max(...x);
  const kappaScale = Math.max(1, maxWorkers * (maxWorkers - 1));
  const y = observations.map((o) => o.throughput / gamma0);
  const unscale = ([g = 1, s = 0, k = 0]: number[]) => ({
    gamma: g * gamma0,
    sigma: snap(s),
    kappa: withKappa ? snap(k) / kappaScale : 0,
  });
  const { parameterValues } = levenbergMarquardt(
    { x, y },
    ([g = 1, s = 0, k = 0]) =>
      (n) =>
        modelThroughput(g, s, withKappa ? k / kappaScale : 0, n),
    {
      // R's `usl` starts at σ = 0.01 and κ = 0.0001 on its own scale; these are the same idea.
      initialValues: withKappa ? [1, 0.01, 0.01] : [1, 0.01],
      minValues: withKappa ? [0, 0, 0] : [0, 0],
      maxValues: withKappa ? [Number.MAX_VALUE, 1, Number.MAX_VALUE] : [Number.MAX_VALUE, 1],
      jacobianFunction:
        ([g = 1, s = 0, k = 0]) =>
        (n) => {
          const [dg = 0, ds = 0, dk = 0] = gradient(g, s, k / kappaScale, n);
          return withKappa ? [dg, ds, dk / kappaScale] : [dg, ds];
        },
      damping: 1e-3,
      errorTolerance: 0,
      maxIterations: MAX_ITERATIONS,
    },
  );
  const { gamma, sigma, kappa } = unscale(parameterValues);
  const residuals = observations.map(
    (o) => o.throughput - modelThroughput(gamma, sigma, kappa, o.workers),
  );
  const sse = residuals.reduce((sum, r) => sum + r * r, 0);
  return {
    gamma,
    sigma,
    kappa,
    ci95: intervals(observations, { gamma, sigma, kappa }, sse, withKappa),
    rmse: Math.sqrt(sse / observations.length),
  };
}

/** Wald intervals from s²(JᵀJ)⁻¹ and t(0.975, n − p); null where JᵀJ cannot be inverted. */
function intervals(
  observations: readonly ScalingObservation[],
  { gamma, sigma, kappa }: { gamma: number; sigma: number; kappa: number },
  sse: number,
  withKappa: boolean,
): ThroughputModelFit['ci95'] {
  const parameters = withKappa ? 3 : 2;
  const dof = observations.length - parameters;
  if (dof < 1) return null;
  const jacobian = new Matrix(
    observations.map((o) => gradient(gamma, sigma, kappa, o.workers).slice(0, parameters)),
  );
  let covariance: Matrix;
  try {
    covariance = inverse(jacobian.transpose().mmul(jacobian)).mul(sse / dof);
  } catch {
    // ml-matrix throws on a singular matrix: the coefficients are not all identifiable.
    return null;
  }
  const t = jStat.studentt.inv(0.975, dof);
  const halfWidth = (i: number) => t * Math.sqrt(covariance.get(i, i));
  const widths = [halfWidth(0), halfWidth(1), withKappa ? halfWidth(2) : 0];
  if (!widths.every(Number.isFinite)) return null;
  const [g = 0, s = 0, k = 0] = widths;
  return {
    gamma: { low: Math.max(0, gamma - g), high: gamma + g },
    sigma: { low: Math.max(0, sigma - s), high: Math.min(1, sigma + s) },
    kappa: { low: Math.max(0, kappa - k), high: kappa + k },
  };
}
