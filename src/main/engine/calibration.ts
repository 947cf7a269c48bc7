/**
 * Sizes the work to the machine before a run (DESIGN.md "How a measurement is taken"): a
 * small probe of each model measures its speed on this kernel, and the run's size is chosen
 * so that the slowest model's round lasts about the target time, with at least 8 tasks per
 * worker. A config that gives its own size keeps it; the estimate then says how long it
 * will take, and offers the calibrated size when that is much shorter.
 */
import { formatMs, formatSignificant } from '../../shared/format';
import type { ModelEstimate, RunEstimate } from '../../shared/measurement';
import { MODELS, type ModelId } from '../../shared/models';
import { MAX_TASKS } from '../../shared/run-config';
import type { WorkloadDefinition, WorkloadParams } from '../../shared/workloads/types';

/** Fewest tasks per worker a sized run gets, so the last tasks do not straggle. */
export const MIN_TASKS_PER_WORKER = 8;
/** An explicit size estimated above this gets the calibrated size offered instead. */
export const LONG_RUN_MS = 15_000;
/** A probe shorter than this is too coarse to extrapolate from: it is rerun bigger. */
const MIN_PROBE_MS = 100;
/** What the first probe aims at, as a share of the workload's default size. */
const FIRST_PROBE_SCALE = 1 / 64;
const MAX_PROBE_TRIES = 3;

/** A model at a worker count, as one step of a run. */
export interface ProbeStep {
  model: ModelId;
  workers: number;
}

/** What one probe measured: the work's ms, and the rest of its time (start-up, stop). */
export interface ProbeTimes {
  workMs: number;
  overheadMs: number;
}

/** Runs one probe: the model at `workers` on the sized workload; null when it failed. */
export type RunProbe = (
  step: ProbeStep,
  params: WorkloadParams,
  taskCount: number,
) => Promise<ProbeTimes | null>;

/** A size of the work: its params and task count, and its scale against the base size. */
interface Size {
  params: WorkloadParams;
  taskCount: number;
  scale: number;
}

export interface CalibrationRequest {
  workload: WorkloadDefinition;
  /** The params and task count the config asked for, defaults filled in. */
  params: WorkloadParams;
  taskCount: number;
  /** True when the config set what sizing would change (the sizing param, or the task count): its size stands. */
  isExplicit: boolean;
  /** True when the config set the task count: it stands even while a param is sized. */
  isTaskCountFixed: boolean;
  /** The steps of one round, each probed once (a sweep probes its 1-worker step only). */
  steps: readonly ProbeStep[];
  /** The most workers any step of the run uses: each gets at least 8 tasks. */
  maxWorkers: number;
  /**
   * Set for a sweep to 1..sweepTo workers: a round then runs the probed 1-worker step at
   * every count, and the estimate assumes ideal scaling (so it is an upper bound).
   */
  sweepTo?: number;
  rounds: number;
  targetMs: number;
  runProbe: RunProbe;
}

/** The base size sizing scales from: the config's params, enough tasks for every worker. */
function baseSize(request: CalibrationRequest): Size {
  const taskCount = request.isTaskCountFixed
    ? request.taskCount
    : Math.min(Math.max(request.taskCount, MIN_TASKS_PER_WORKER * request.maxWorkers), MAX_TASKS);
  return { params: request.params, taskCount, scale: 1 };
}

/** The size at `scale` times the base work, clamped to the workload's limits. */
function sizeAt(workload: WorkloadDefinition, base: Size, scale: number, minTasks: number): Size {
  const sizing = workload.sizing;
  if (!sizing) return base;
  if (sizing.by === 'tasks') {
    const taskCount = Math.min(
      Math.max(Math.round(base.taskCount * scale), minTasks, 1),
      MAX_TASKS,
    );
    return { params: base.params, taskCount, scale: taskCount / base.taskCount };
  }
  const spec = workload.params.find((p) => p.name === sizing.param);
  const baseValue = base.params[sizing.param];
  if (!spec || baseValue === undefined) return base;
  const wanted = baseValue * scale ** (1 / sizing.exponent);
  const value = Math.min(
    Math.max(spec.isInteger ? Math.round(wanted) : wanted, spec.min),
    spec.max,
  );
  return {
    params: { ...base.params, [sizing.param]: value },
    taskCount: base.taskCount,
    scale: (value / baseValue) ** sizing.exponent,
  };
}

/** A step's measured pace: ms of work per unit of scale, and what it costs besides. */
interface Pace {
  msPerScale: number;
  probeMs: number;
  overheadMs: number;
}

/** The cores a step computes on at most: one for a single-threaded model. */
function parallelism(step: ProbeStep): number {
  return MODELS[step.model].isParallel ? step.workers : 1;
}

/**
 * Probes one step: starts small and grows until the probe is long enough to extrapolate.
 * Resolves to the step's ms per unit of scale, or null when the model failed its probe.
 */
async function probeStep(
  request: CalibrationRequest,
  base: Size,
  step: ProbeStep,
  firstScale: number,
): Promise<Pace | null> {
  let scale = firstScale;
  for (let attempt = 0; attempt < MAX_PROBE_TRIES; attempt++) {
    const size = sizeAt(request.workload, base, scale, 2 * step.workers);
    const times = await request.runProbe(step, size.params, size.taskCount);
    if (times === null) return null;
    const ms = times.workMs;
    const isLast = attempt === MAX_PROBE_TRIES - 1 || size.scale >= 1;
    if (ms >= MIN_PROBE_MS || isLast) {
      return { msPerScale: ms / size.scale, probeMs: ms, overheadMs: times.overheadMs };
    }
    // Aim at about 4× the minimum next time, at most 16× bigger.
    scale = Math.min(size.scale * Math.min((4 * MIN_PROBE_MS) / Math.max(ms, 1), 16), 1);
  }
  return null;
}

/**
 * How big a size is against the workload's defaults, in units of work: a small explicit
 * run is not worth probing, its probe would cost about what the run does.
 */
function scaleVsDefault(workload: WorkloadDefinition, size: Size): number {
  const sizing = workload.sizing;
  if (!sizing) return 1;
  const taskScale = size.taskCount / workload.defaultTasks;
  if (sizing.by === 'tasks') return taskScale;
  const spec = workload.params.find((p) => p.name === sizing.param);
  const value = size.params[sizing.param];
  return spec && value !== undefined ? (value / spec.default) ** sizing.exponent : 1;
}

/** Explicit sizes at most this share of the default run go without an estimate. */
const UNPROBED_SHARE = 1 / 8;

/**
 * Whether an explicit size is worth probing: not a small one, whose probe would cost about
 * what the run does, nor an I/O one, whose tasks cost their wait whatever their number, so
 * that a probe takes a whole task per worker and tells little.
 */
function isWorthProbing(workload: WorkloadDefinition, base: Size): boolean {
  return workload.kind !== 'io' && scaleVsDefault(workload, base) > UNPROBED_SHARE;
}

/** A duration in words for the estimate: "about 6 s", "about 3 min". */
function about(ms: number): string {
  if (ms >= 90_000) return `about ${Math.round(ms / 60_000)} min`;
  return `about ${formatMs(Math.max(ms, 1000)).replace(/\.\d+ s$/, ' s')}`;
}

/** The sentence beside Run: how long, and why when one model is far slower than another. */
function estimateNote(models: readonly ModelEstimate[], estimatedMs: number): string {
  const byPace = [...models].sort((a, b) => a.roundMs - b.roundMs);
  const fastest = byPace[0];
  const slowest = byPace[byPace.length - 1];
  if (!fastest || !slowest || slowest === fastest || slowest.roundMs < 5 * fastest.roundMs) {
    return about(estimatedMs);
  }
  const ratio = slowest.roundMs / Math.max(fastest.roundMs, 1e-9);
  return (
    `${about(estimatedMs)} — ${MODELS[slowest.model].label} runs this ` +
    `${formatSignificant(ratio, 2)}× slower than ${MODELS[fastest.model].noun} here`
  );
}

/** What a run waits for besides its rounds: the quiet check before it. */
const QUIET_CHECK_MS = 500;

/**
 * Total expected time of every round of the run, each step's start-up included (outside the
 * measured work, but inside the person's wait), as its probe measured it.
 */
function totalMs(
  request: CalibrationRequest,
  models: readonly (ModelEstimate & { overheadMs: number })[],
): number {
  const steps = request.sweepTo
    ? models.flatMap((m) =>
        Array.from({ length: request.sweepTo ?? 1 }, (_, i) => m.roundMs / (i + 1) + m.overheadMs),
      )
    : models.map((m) => m.roundMs + m.overheadMs);
  return QUIET_CHECK_MS + request.rounds * steps.reduce((sum, ms) => sum + ms, 0);
}

/**
 * Calibrates a run: probes every distinct step, picks the size and returns the estimate.
 * Workloads without sizing (fault demos) and small explicit runs are not probed: their
 * estimate is null.
 */
export async function calibrate(request: CalibrationRequest): Promise<RunEstimate | null> {
  const { workload } = request;
  if (!workload.sizing) return null;
  const startedMs = performance.now();
  const base = baseSize(request);
  if (request.isExplicit && !isWorthProbing(workload, base)) return null;
  const pace = new Map<string, Pace | null>();
  // The fastest pace seen so far, per core: ms of work per unit of scale on one core.
  let fastestCoreMsPerScale: number | null = null;
  for (const step of request.steps) {
    const key = `${step.model}@${step.workers}`;
    if (pace.has(key)) continue;
    // Once one model's speed is known, later probes start at a quarter of the size that
    // model would need on as many cores as this one has: a model as fast grows once, one
    // 4–40× slower per core (Python) is long enough at once.
    const firstScale =
      fastestCoreMsPerScale === null
        ? Math.min(FIRST_PROBE_SCALE / scaleVsDefault(workload, base), 1)
        : Math.min((MIN_PROBE_MS / 4) * (parallelism(step) / fastestCoreMsPerScale), 1);
    const probed = await probeStep(request, base, step, firstScale);
    pace.set(key, probed);
    if (probed) {
      const coreMsPerScale = probed.msPerScale * parallelism(step);
      fastestCoreMsPerScale = Math.min(fastestCoreMsPerScale ?? Infinity, coreMsPerScale);
    }
  }
  const known = request.steps.flatMap((step) => {
    const probed = pace.get(`${step.model}@${step.workers}`);
    return probed ? [{ step, ...probed }] : [];
  });
  const slowestMsPerScale = Math.max(...known.map((k) => k.msPerScale), 0);
  const minTasks = MIN_TASKS_PER_WORKER * request.maxWorkers;
  const sized =
    slowestMsPerScale > 0
      ? sizeAt(workload, base, request.targetMs / slowestMsPerScale, minTasks)
      : base;
  const estimateAt = (size: Size) =>
    known.map(({ step, msPerScale, probeMs, overheadMs }) => ({
      model: step.model,
      workers: step.workers,
      probeMs,
      roundMs: msPerScale * size.scale,
      overheadMs,
    }));
  const chosen = request.isExplicit ? base : sized;
  const models = estimateAt(chosen);
  const estimatedMs = totalMs(request, models);
  const smallerMs = totalMs(request, estimateAt(sized));
  const isLong = request.isExplicit && estimatedMs > LONG_RUN_MS && smallerMs < estimatedMs / 2;
  return {
    estimatedMs,
    rounds: request.rounds,
    params: chosen.params,
    taskCount: chosen.taskCount,
    isSized: !request.isExplicit,
    targetMs: request.targetMs,
    calibrationMs: performance.now() - startedMs,
    models: models.map(({ overheadMs: _overheadMs, ...model }) => model),
    ...(isLong
      ? { smaller: { params: sized.params, taskCount: sized.taskCount, estimatedMs: smallerMs } }
      : {}),
    note: estimateNote(models, estimatedMs),
  };
}
