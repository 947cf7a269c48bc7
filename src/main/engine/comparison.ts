/**
 * Runs a comparison (several models, one workload) or a sweep (one model, 1..K workers).
 * Models run one after another so that they never compete for the same cores.
 */
import { randomUUID } from 'node:crypto';
import { cancelledError, invalidArgument, LabError } from '../../shared/errors';
import type { RunResult, SweepResult } from '../../shared/lab-api';
import type { ModelId } from '../../shared/models';
import type { ModelResult } from '../../shared/results';
import {
  DEFAULT_TASK_TIMEOUT_MS,
  runConfigSchema,
  sweepConfigSchema,
  type FailurePolicy,
  type RunConfig,
  type SweepConfig,
} from '../../shared/run-config';
import type { RunEvent } from '../../shared/run-events';
import { fitScaling, sweepObservations, sweepPoints } from '../../shared/stats/scaling';
import { getWorkload, resolveParams } from '../../shared/workloads/registry';
import type { WorkloadDefinition, WorkloadParams } from '../../shared/workloads/types';
import { startIoResources } from './io-resources';
import { runModel } from './model-run';
import { referenceChecksum } from './reference';
import type { ModelRunner } from './runner';

export interface ComparisonContext {
  runners: ReadonlyMap<ModelId, ModelRunner>;
  /** Why a model cannot run here, or null; covers models without a runner too. */
  unavailableReason(model: ModelId): string | null;
  maxWorkers: number;
  /** The worker-thread script, which also computes reference checksums. */
  referenceScript: string;
}

export interface RunControl {
  runId?: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

/** How a run treats failing workers (run-config.ts), every default filled in. */
interface FaultOptions {
  failurePolicy: FailurePolicy;
  taskTimeoutMs: number;
  memoryLimitMb?: number;
}

interface PreparedRun {
  workload: WorkloadDefinition;
  params: WorkloadParams;
  taskCount: number;
  faultOptions: FaultOptions;
}

/** Checks a zod result and turns its first issue into a message naming the field. */
function parseOrThrow<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'config';
  throw invalidArgument(field, `is invalid: ${issue?.message ?? 'unknown problem'}`);
}

function prepare(
  workloadId: string,
  rawParams: Record<string, number>,
  taskCount: number | undefined,
  given: Partial<FaultOptions>,
): PreparedRun {
  const workload = getWorkload(workloadId);
  // A fault workload brings its own defaults (a 2 s timeout for fault.hang), so that a
  // demo ends in seconds; what the config says still wins.
  const memoryLimitMb = given.memoryLimitMb ?? workload.runDefaults?.memoryLimitMb;
  return {
    workload,
    params: resolveParams(workload, rawParams),
    taskCount: taskCount ?? workload.defaultTasks,
    faultOptions: {
      failurePolicy: given.failurePolicy ?? 'continue',
      taskTimeoutMs:
        given.taskTimeoutMs ?? workload.runDefaults?.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
      ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
    },
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
  const lacking =
    'unavailableFor' in runner && runner.unavailableFor?.(workload.id, workload.needs);
  if (lacking) throw new LabError('unavailable', `${lacking} (${model})`);
  if (workers < 1 || workers > context.maxWorkers) {
    throw invalidArgument(
      `workers for ${model}`,
      `must be between 1 and ${context.maxWorkers} (2× logical cores unless overridden)`,
    );
  }
  return runner;
}

/** Runs the whole body with the run's I/O resources and its reference checksum. */
async function withRunResources<T>(
  context: ComparisonContext,
  prepared: PreparedRun,
  signal: AbortSignal | undefined,
  body: (
    io: Awaited<ReturnType<typeof startIoResources>>['io'],
    expected: number | null,
  ) => Promise<T>,
): Promise<T> {
  const expected = await abortable(
    referenceChecksum(
      context.referenceScript,
      prepared.workload.id,
      prepared.params,
      prepared.taskCount,
    ),
    signal,
  );
  const resources = await startIoResources(prepared.workload.needs);
  try {
    return await body(resources.io, expected);
  } finally {
    await resources.close();
  }
}

/** Settles with the promise, or rejects as cancelled as soon as the signal fires. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Runs each step (a model at a worker count) in turn, stopping early on a cancel. */
function runSteps(
  context: ComparisonContext,
  prepared: PreparedRun,
  runId: string,
  steps: { runner: ModelRunner; workers: number }[],
  control: RunControl,
  afterEach?: (result: ModelResult) => void,
): Promise<ModelResult[]> {
  return withRunResources(context, prepared, control.signal, async (io, expected) => {
    const done: ModelResult[] = [];
    for (const { runner, workers } of steps) {
      if (control.signal?.aborted) break;
      const result = await runModel({
        runId,
        runner,
        workers,
        workload: prepared.workload.id,
        params: prepared.params,
        taskCount: prepared.taskCount,
        io,
        expectedChecksum: expected,
        signal: control.signal,
        onEvent: control.onEvent,
        ...prepared.faultOptions,
      });
      done.push(result);
      control.onEvent?.({ type: 'model-result', runId, result });
      afterEach?.(result);
    }
    return done;
  });
}

/** A cancel that lands before any model started still ends in a (cancelled) result. */
async function cancelledAsEmpty(
  signal: AbortSignal | undefined,
  results: Promise<ModelResult[]>,
): Promise<ModelResult[]> {
  try {
    return await results;
  } catch (error) {
    if (signal?.aborted) return [];
    throw error;
  }
}

/**
 * Checks a run's config as runComparison will, without running it: a caller that starts
 * runs in the background (startRun) refuses a bad one at once, with its typed error.
 */
export function checkRunConfig(context: ComparisonContext, rawConfig: unknown): void {
  const config = parseOrThrow(runConfigSchema.safeParse(rawConfig));
  const prepared = prepare(config.workload, config.params, config.taskCount, config);
  for (const { model, workers } of config.models) {
    checkModel(context, model, workers, prepared.workload);
  }
}

/** Checks a sweep's config as runSweep will, without running it. */
export function checkSweepConfig(context: ComparisonContext, rawConfig: unknown): void {
  const config = parseOrThrow(sweepConfigSchema.safeParse(rawConfig));
  const prepared = prepare(config.workload, config.params, config.taskCount, config);
  checkModel(context, config.model, config.maxWorkers, prepared.workload);
}

/** Runs every model of the config, one after another, and collects their results. */
export async function runComparison(
  context: ComparisonContext,
  rawConfig: unknown,
  control: RunControl = {},
): Promise<RunResult> {
  const config = parseOrThrow(runConfigSchema.safeParse(rawConfig));
  const prepared = prepare(config.workload, config.params, config.taskCount, config);
  const runners = config.models.map(({ model, workers }) =>
    checkModel(context, model, workers, prepared.workload),
  );
  const runId = control.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const steps = config.models.map(({ workers }, i) => ({ runner: runners[i]!, workers }));
  const results = await cancelledAsEmpty(
    control.signal,
    runSteps(context, prepared, runId, steps, control),
  );
  const finalConfig: RunConfig = {
    ...config,
    params: prepared.params,
    taskCount: prepared.taskCount,
    ...prepared.faultOptions,
  };
  return {
    runId,
    startedAt,
    config: finalConfig,
    results,
    isCancelled: control.signal?.aborted ?? false,
  };
}

/** Runs one model at 1..maxWorkers workers and fits the scaling laws to the result. */
export async function runSweep(
  context: ComparisonContext,
  rawConfig: unknown,
  control: RunControl = {},
): Promise<SweepResult> {
  const config = parseOrThrow(sweepConfigSchema.safeParse(rawConfig));
  const prepared = prepare(config.workload, config.params, config.taskCount, config);
  const runner = checkModel(context, config.model, config.maxWorkers, prepared.workload);
  const runId = control.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const steps = Array.from({ length: config.maxWorkers }, (_, i) => ({ runner, workers: i + 1 }));
  const results = await runSteps(context, prepared, runId, steps, control, (result) =>
    control.onEvent?.({
      type: 'sweep-point',
      runId,
      workers: result.workers,
      wallMs: result.wallMs,
    }),
  );
  if (control.signal?.aborted) throw cancelledError();
  const failed = results.find((r) => r.isPartial);
  if (failed) {
    throw new LabError(
      'task-failed',
      `sweep stopped: ${failed.error?.message ?? 'a run did not complete'}`,
    );
  }
  const points = sweepPoints(results.map((r) => ({ workers: r.workers, wallMs: r.wallMs })));
  const finalConfig: SweepConfig = {
    ...config,
    params: prepared.params,
    taskCount: prepared.taskCount,
    ...prepared.faultOptions,
  };
  return {
    runId,
    startedAt,
    config: finalConfig,
    points,
    fit: fitScaling(sweepObservations(points)),
    results,
  };
}
