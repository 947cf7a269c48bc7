/**
 * Runs a comparison (several models, one workload) or a sweep (one model, 1..K workers), as
 * DESIGN.md's "How a measurement is taken" says: calibrate and size the work, check the
 * machine is quiet, then run rounds with the model order rotated, each model's pool warmed
 * before its clock starts, and the machine's other load measured during every round. Models
 * run one after another so that they never compete for the same cores.
 */
import { randomUUID } from 'node:crypto';
import { cancelledError, invalidArgument, LabError } from '../../shared/errors';
import { describeFirstIssue } from '../../shared/schema-issues';
import type { z } from 'zod';
import type { RunResult, SweepResult } from '../../shared/lab-api';
import { MODELS, type ModelId } from '../../shared/models';
import type { ModelResult } from '../../shared/results';
import { combineInterference, combineRounds, rotated, type RoundResult } from '../../shared/rounds';
import {
  DEFAULT_TARGET_S,
  runConfigSchema,
  sweepConfigSchema,
  type RunConfig,
} from '../../shared/run-config';
import type { RunEvent } from '../../shared/run-events';
import { fitScaling, sweepObservations, sweepPoints } from '../../shared/stats/scaling';
import { verdictSentence } from '../../shared/verdict';
import { prepareWork, type PreparedWork, type WorkConfig } from '../../shared/run-prep';
import type { WorkloadDefinition } from '../../shared/workloads/types';
import { calibrate, type ProbeStep } from './calibration';
import { openLoadWindow, quietCheck } from './interference-meter';
import {
  DEFAULT_OTHER_LOAD_LIMIT_CORES,
  judgeInterference,
  type Interference,
  type RunEstimate,
} from '../../shared/measurement';
import { availableParallelism } from 'node:os';
import { startIoResources } from './io-resources';
import { runModel } from './model-run';
import { referenceChecksum } from './reference';
import type { AppProcessSource } from './app-processes';
import type { ThreadWatch } from './core-sampler';
import { workloadReason, type ModelRunner } from './runner';
import type { SpawnOwner } from './spawn-owner';

export interface ComparisonContext {
  runners: ReadonlyMap<ModelId, ModelRunner>;
  /** Why a model cannot run here, or null; covers models without a runner too. */
  unavailableReason(model: ModelId): string | null;
  maxWorkers: number;
  /** The worker-thread script, which also computes reference checksums. */
  referenceScript: string;
  /** Owns every thread and process a run starts, the reference's included. */
  owner: SpawnOwner;
  /** Recent calibrations by config, so that an estimate and the run after it agree. */
  calibrations?: CalibrationCache;
  /** The desktop app's own processes (app.getAppMetrics), for every result's figures. */
  appProcesses?: AppProcessSource;
  /** Watches each measured run's worker threads (the core sampler's thread does the reads). */
  watchThreads?: (model: ModelId) => ThreadWatch;
}

/** Calibrations kept for a while: the UI estimates a config, then runs it. */
export interface CalibrationCache {
  get(key: string): RunEstimate | null | undefined;
  set(key: string, estimate: RunEstimate | null): void;
}

export interface RunControl {
  runId?: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

interface PreparedRun extends PreparedWork {
  targetMs: number;
  otherLoadLimitCores?: number;
  appProcesses?: AppProcessSource;
  watchThreads?: (model: ModelId) => ThreadWatch;
}

/** What prepare() reads of a run or sweep config. */
interface MeasuredConfig extends WorkConfig {
  targetS?: number;
  otherLoadLimitCores?: number;
}

/** Checks a zod result and turns its first issue into a message naming the field. */
function parseOrThrow<T>(
  result: { success: true; data: T } | { success: false; error: z.ZodError },
): T {
  if (result.success) return result.data;
  throw new LabError('invalid-argument', describeFirstIssue(result.error));
}

function prepare(
  context: ComparisonContext,
  config: MeasuredConfig,
  defaultRounds: number,
): PreparedRun {
  return {
    ...prepareWork(config, defaultRounds),
    targetMs: (config.targetS ?? DEFAULT_TARGET_S) * 1000,
    ...(config.otherLoadLimitCores === undefined
      ? {}
      : { otherLoadLimitCores: config.otherLoadLimitCores }),
    ...(context.appProcesses ? { appProcesses: context.appProcesses } : {}),
    ...(context.watchThreads ? { watchThreads: context.watchThreads } : {}),
  };
}

function checkModel(
  context: ComparisonContext,
  model: ModelId,
  workers: number,
  workload: WorkloadDefinition,
): ModelRunner {
  const reason = context.unavailableReason(model);
  const runner = context.runners.get(model);
  if (reason !== null || !runner) {
    throw new LabError('unavailable', `${model} ${reason ?? 'is not available here'}`);
  }
  const lacking = workloadReason(runner, workload);
  if (lacking !== null) throw new LabError('unavailable', `${lacking} (${model})`);
  if (workers < 1 || workers > context.maxWorkers) {
    throw invalidArgument(
      `workers for ${model}`,
      `must be between 1 and ${context.maxWorkers} (2× logical cores unless overridden)`,
    );
  }
  return runner;
}

/** One step of a round: a model at a worker count. */
interface Step {
  runner: ModelRunner;
  workers: number;
}

type Io = Awaited<ReturnType<typeof startIoResources>>['io'];

/** The model's threads that compete for cores: one for a single-threaded model. */
function parallelWorkers(model: ModelId, workers: number): number {
  return MODELS[model].isParallel ? workers : 1;
}

/** CPU time of a round's processes other than the engine's own (child processes, Python). */
function workerProcessCpuMs(result: RoundResult): number {
  return result.processes
    .filter((p) => p.pid !== process.pid)
    .reduce((sum, p) => sum + p.cpuUserMs + p.cpuSystemMs, 0);
}

/** The options of one model run of this prepared run. */
function runRequest(
  prepared: PreparedRun,
  step: Step,
  runId: string,
  io: Io,
  expectedChecksum: number | null,
  control: RunControl,
) {
  return {
    runId,
    runner: step.runner,
    workers: step.workers,
    workload: prepared.workload.id,
    params: prepared.params,
    taskCount: prepared.taskCount,
    io,
    expectedChecksum,
    appProcesses: prepared.appProcesses,
    signal: control.signal,
    onEvent: control.onEvent,
    ...prepared.faultOptions,
  };
}

/** Runs one step once, with the machine's other load measured around it. */
async function runRound(
  prepared: PreparedRun,
  step: Step,
  runId: string,
  io: Io,
  expected: number | null,
  quietCores: number | null,
  control: RunControl,
): Promise<RoundResult> {
  const window = openLoadWindow();
  // Measured rounds watch their threads; calibration probes do not.
  const result = await runModel({
    ...runRequest(prepared, step, runId, io, expected, control),
    ...(prepared.watchThreads ? { watchThreads: prepared.watchThreads } : {}),
  });
  const other = window.close(workerProcessCpuMs(result));
  const interference = judgeInterference({
    ...machineFigures(prepared, quietCores),
    otherLoadCores: other,
    parallelWorkers: parallelWorkers(step.runner.model, step.workers),
  });
  return { ...result, interference };
}

/** The figures of a judgement that are the machine's and the run's, not a round's. */
function machineFigures(prepared: PreparedRun, quietCores: number | null) {
  return {
    quietCheckCores: quietCores,
    logicalCores: availableParallelism(),
    limitCores: prepared.otherLoadLimitCores ?? DEFAULT_OTHER_LOAD_LIMIT_CORES,
  };
}

/** The calibration key: everything that decides what calibration would find. */
function calibrationKey(prepared: PreparedRun, config: MeasuredConfig, steps: ProbeStep[]): string {
  return JSON.stringify([
    config.workload,
    config.params,
    config.taskCount,
    steps,
    prepared.targetMs,
    prepared.rounds,
  ]);
}

/**
 * Calibrates (or recalls a recent calibration of) the run and applies the size it picked.
 * Probes are measured like runs, on the run's I/O resources, and never verified.
 */
async function calibrated(
  context: ComparisonContext,
  prepared: PreparedRun,
  config: MeasuredConfig,
  steps: Step[],
  io: Io,
  control: RunControl,
  sweepTo?: number,
): Promise<RunEstimate | null> {
  const probeSteps = steps.map((s) => ({ model: s.runner.model, workers: s.workers }));
  const key = calibrationKey(prepared, config, probeSteps);
  const known = context.calibrations?.get(key);
  const estimate =
    known !== undefined
      ? known
      : await calibrate({
          workload: prepared.workload,
          params: prepared.params,
          taskCount: prepared.taskCount,
          isExplicit: prepared.isSizeExplicit,
          isTaskCountFixed: prepared.isTaskCountFixed,
          steps: probeSteps,
          maxWorkers: sweepTo ?? Math.max(...steps.map((s) => s.workers)),
          ...(sweepTo === undefined ? {} : { sweepTo }),
          rounds: prepared.rounds,
          targetMs: prepared.targetMs,
          runProbe: async (probe, params, taskCount) => {
            if (control.signal?.aborted) throw cancelledError();
            const step = steps.find((s) => s.runner.model === probe.model)!;
            const startedMs = performance.now();
            const result = await runModel({
              ...runRequest(
                { ...prepared, params, taskCount },
                { ...step, workers: probe.workers },
                `${control.runId ?? 'run'}-probe`,
                io,
                null,
                { signal: control.signal },
              ),
            });
            if (control.signal?.aborted) throw cancelledError();
            const overheadMs = performance.now() - startedMs - result.wallMs;
            return result.isPartial ? null : { workMs: result.wallMs, overheadMs };
          },
        });
  context.calibrations?.set(key, estimate);
  if (estimate) {
    prepared.params = estimate.params;
    prepared.taskCount = estimate.taskCount;
  }
  return estimate;
}

/** What a measured run produced: each step's combined rounds, and the run-wide figures. */
interface Measured {
  results: ModelResult[];
  interference: Interference | null;
  estimate: RunEstimate | null;
}

/**
 * The measurement itself: calibration, the reference checksum, the quiet check, then every
 * round of every step in rotated order. A cancel ends it early with what finished.
 */
async function measure(
  context: ComparisonContext,
  prepared: PreparedRun,
  config: MeasuredConfig,
  runId: string,
  steps: Step[],
  control: RunControl,
  sweepTo?: number,
  onStepDone?: (result: ModelResult) => void,
): Promise<Measured> {
  const resources = await startIoResources(prepared.workload.needs);
  try {
    const probeSteps = sweepTo === undefined ? steps : steps.filter((s) => s.workers === 1);
    const estimate = await calibrated(
      context,
      prepared,
      config,
      probeSteps,
      resources.io,
      { ...control, runId },
      sweepTo,
    );
    if (estimate) control.onEvent?.({ type: 'estimate', runId, estimate });
    const expected = await referenceChecksum(
      context.referenceScript,
      prepared.workload.id,
      prepared.params,
      prepared.taskCount,
      { signal: control.signal, owner: context.owner },
    );
    const quietCores = await quietCheck();
    const quiet = judgeInterference({
      ...machineFigures(prepared, quietCores),
      otherLoadCores: null,
      parallelWorkers: 0,
    });
    const rounds: RoundResult[][] = steps.map(() => []);
    const results: ModelResult[] = [];
    for (let round = 0; round < prepared.rounds && !control.signal?.aborted; round++) {
      control.onEvent?.({ type: 'round-start', runId, round: round + 1, rounds: prepared.rounds });
      for (const index of rotated(
        steps.map((_, i) => i),
        round,
      )) {
        if (control.signal?.aborted) break;
        const result = await runRound(
          prepared,
          steps[index]!,
          runId,
          resources.io,
          expected,
          quietCores,
          control,
        );
        rounds[index]!.push(result);
        if (round === prepared.rounds - 1) {
          const combined = combineRounds(rounds[index]!);
          results[index] = combined;
          control.onEvent?.({ type: 'model-result', runId, result: combined });
          onStepDone?.(combined);
        }
      }
    }
    // A cancelled run keeps every step that finished at least one round.
    const finished = rounds.flatMap((r, i) =>
      r.length === 0 ? [] : [results[i] ?? combineRounds(r)],
    );
    const interference =
      combineInterference(
        finished.map((r) => r.interference).filter((x): x is Interference => x !== undefined),
      ) ?? quiet;
    return { results: finished, interference, estimate };
  } finally {
    await resources.close();
  }
}

/** A cancel that lands before any model started still ends in a (cancelled) result. */
async function cancelledAsEmpty(
  signal: AbortSignal | undefined,
  measured: Promise<Measured>,
): Promise<Measured> {
  try {
    return await measured;
  } catch (error) {
    if (signal?.aborted) return { results: [], interference: null, estimate: null };
    throw error;
  }
}

/**
 * Checks a run's config as runComparison will, without running it: a caller that starts
 * runs in the background (startRun) refuses a bad one at once, with its typed error.
 */
export function checkRunConfig(context: ComparisonContext, rawConfig: unknown): void {
  const config = parseOrThrow(runConfigSchema.safeParse(rawConfig));
  const prepared = prepare(context, config, 1);
  for (const { model, workers } of config.models) {
    checkModel(context, model, workers, prepared.workload);
  }
}

/** Checks a sweep's config as runSweep will, without running it. */
export function checkSweepConfig(context: ComparisonContext, rawConfig: unknown): void {
  const config = parseOrThrow(sweepConfigSchema.safeParse(rawConfig));
  const prepared = prepare(context, config, 3);
  checkModel(context, config.model, config.maxWorkers, prepared.workload);
}

/** A comparison's steps: its models in config order. */
function comparisonSteps(
  context: ComparisonContext,
  config: RunConfig,
  prepared: PreparedRun,
): Step[] {
  return config.models.map(({ model, workers }) => ({
    runner: checkModel(context, model, workers, prepared.workload),
    workers,
  }));
}

/**
 * Calibrates a comparison without running it: the size it will use and its estimate.
 * Null for workloads that are never sized (fault demos).
 */
export async function estimateComparison(
  context: ComparisonContext,
  rawConfig: unknown,
  control: RunControl = {},
): Promise<RunEstimate | null> {
  const config = parseOrThrow(runConfigSchema.safeParse(rawConfig));
  const prepared = prepare(context, config, 1);
  const steps = comparisonSteps(context, config, prepared);
  const resources = await startIoResources(prepared.workload.needs);
  try {
    return await calibrated(context, prepared, config, steps, resources.io, control);
  } finally {
    await resources.close();
  }
}

/** Runs every model of the config, in rounds, and collects their results. */
export async function runComparison(
  context: ComparisonContext,
  rawConfig: unknown,
  control: RunControl = {},
): Promise<RunResult> {
  const config = parseOrThrow(runConfigSchema.safeParse(rawConfig));
  const prepared = prepare(context, config, 1);
  const steps = comparisonSteps(context, config, prepared);
  const runId = control.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const measured = await cancelledAsEmpty(
    control.signal,
    measure(context, prepared, config, runId, steps, control),
  );
  const finalConfig: RunResult['config'] = {
    ...config,
    params: prepared.params,
    taskCount: prepared.taskCount,
    rounds: prepared.rounds,
    ...prepared.faultOptions,
  };
  return {
    runId,
    startedAt,
    config: finalConfig,
    results: measured.results,
    isCancelled: control.signal?.aborted ?? false,
    interference: measured.interference,
    verdict: verdictSentence(measured.results, prepared.workload.kind),
    estimate: measured.estimate,
  };
}

/** Runs one model at 1..maxWorkers workers, in rounds, and fits the scaling laws. */
export async function runSweep(
  context: ComparisonContext,
  rawConfig: unknown,
  control: RunControl = {},
): Promise<SweepResult> {
  const config = parseOrThrow(sweepConfigSchema.safeParse(rawConfig));
  const prepared = prepare(context, config, 3);
  const runner = checkModel(context, config.model, config.maxWorkers, prepared.workload);
  const runId = control.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const steps = Array.from({ length: config.maxWorkers }, (_, i) => ({ runner, workers: i + 1 }));
  const measured = await measure(
    context,
    prepared,
    config,
    runId,
    steps,
    control,
    config.maxWorkers,
    (result) =>
      control.onEvent?.({
        type: 'sweep-point',
        runId,
        workers: result.workers,
        wallMs: result.wallMs,
      }),
  );
  if (control.signal?.aborted) throw cancelledError();
  const failed = measured.results.find((r) => r.isPartial);
  if (failed) {
    throw new LabError(
      'task-failed',
      `sweep stopped: ${failed.error?.message ?? 'a run did not complete'}`,
    );
  }
  const points = sweepPoints(
    measured.results.map((r) => ({ workers: r.workers, roundWallMs: r.roundWallMs })),
  );
  const finalConfig: SweepResult['config'] = {
    ...config,
    params: prepared.params,
    taskCount: prepared.taskCount,
    rounds: prepared.rounds,
    ...prepared.faultOptions,
  };
  return {
    runId,
    startedAt,
    config: finalConfig,
    points,
    fit: fitScaling(sweepObservations(points)),
    results: measured.results,
    interference: measured.interference,
    estimate: measured.estimate,
  };
}
