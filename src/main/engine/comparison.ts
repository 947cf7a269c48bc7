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
  runConfigSchema,
  sweepConfigSchema,
  type RunConfig,
  type SweepConfig,
} from '../../shared/run-config';
import type { RunEvent } from '../../shared/run-events';
import { fitScaling, sweepPoints } from '../../shared/stats/scaling';
import { getWorkload, resolveParams } from '../../shared/workloads/registry';
import type { WorkloadDefinition, WorkloadParams } from '../../shared/workloads/types';
import { startIoResources } from './io-resources';
import { runModel } from './model-run';
import { referenceChecksum } from './reference';
import type { Runner } from './runner';

export interface ComparisonContext {
  runners: ReadonlyMap<ModelId, Runner>;
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

interface PreparedRun {
  workload: WorkloadDefinition;
  params: WorkloadParams;
  taskCount: number;
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
): PreparedRun {
  const workload = getWorkload(workloadId);
  return {
    workload,
    params: resolveParams(workload, rawParams),
    taskCount: taskCount ?? workload.defaultTasks,
  };
}

function checkModel(context: ComparisonContext, model: ModelId, workers: number): Runner {
  const reason = context.unavailableReason(model);
  const runner = context.runners.get(model);
  if (reason !== null || !runner) {
    throw new LabError('unavailable', `${model} ${reason ?? 'is not available here'}`);
  }
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

/** Runs every model of the config, one after another, and collects their results. */
export async function runComparison(
  context: ComparisonContext,
  rawConfig: unknown,
  control: RunControl = {},
): Promise<RunResult> {
  const config = parseOrThrow(runConfigSchema.safeParse(rawConfig));
  const prepared = prepare(config.workload, config.params, config.taskCount);
  const runners = config.models.map(({ model, workers }) => checkModel(context, model, workers));
  const runId = control.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const results = await cancelledAsEmpty(
    control.signal,
    withRunResources(context, prepared, control.signal, async (io, expected) => {
      const done: ModelResult[] = [];
      for (const [i, { workers }] of config.models.entries()) {
        if (control.signal?.aborted) break;
        const result = await runModel({
          runId,
          runner: runners[i]!,
          workers,
          workload: prepared.workload.id,
          params: prepared.params,
          taskCount: prepared.taskCount,
          io,
          expectedChecksum: expected,
          signal: control.signal,
          onEvent: control.onEvent,
        });
        done.push(result);
        control.onEvent?.({ type: 'model-result', runId, result });
      }
      return done;
    }),
  );
  const finalConfig: RunConfig = {
    ...config,
    params: prepared.params,
    taskCount: prepared.taskCount,
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
  const prepared = prepare(config.workload, config.params, config.taskCount);
  const runner = checkModel(context, config.model, config.maxWorkers);
  const runId = control.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const results = await withRunResources(
    context,
    prepared,
    control.signal,
    async (io, expected) => {
      const done: ModelResult[] = [];
      for (let workers = 1; workers <= config.maxWorkers; workers++) {
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
        });
        done.push(result);
        control.onEvent?.({ type: 'model-result', runId, result });
        control.onEvent?.({ type: 'sweep-point', runId, workers, wallMs: result.wallMs });
      }
      return done;
    },
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
  };
  return { runId, startedAt, config: finalConfig, points, fit: fitScaling(points), results };
}
