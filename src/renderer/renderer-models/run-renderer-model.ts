/**
 * The two models that run in the page: renderer-main (tasks on the UI thread itself) and
 * web-workers (Web Workers the page starts). Both go through the shared pull loop and
 * protocol, so their numbers mean what the engine's do.
 */
import type { RoundResult } from '../../shared/rounds';
import { withThreadStates } from '../../shared/thread-states';
import { createInProcessWorker } from '../../shared/pool/in-process-worker';
import { runPool, type PoolWorker } from '../../shared/pool/run-pool';
import type { FaultOptions } from '../../shared/run-config';
import type { RunEvent } from '../../shared/run-events';
import type { TaskEnv, WorkloadParams } from '../../shared/workloads/types';
import { getWorkload, resolveParams } from '../../shared/workloads/registry';
import type { FrameDelaySummary } from '../state/frame-monitor';
import { referenceChecksum } from './reference-checksum';
import { spawnWebWorker } from './web-worker-handle';

/** The models this module runs. */
export type RendererModelId = 'renderer-main' | 'web-workers';

export interface RendererRunOptions {
  runId: string;
  model: RendererModelId;
  workers: number;
  workload: string;
  params: WorkloadParams;
  taskCount: number;
  /** The page has no heap limit per worker: only the timeout and the failure policy apply. */
  faultOptions: Pick<FaultOptions, 'failurePolicy' | 'taskTimeoutMs'>;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  /** The window's frame delay between two performance.now() times. */
  frameDelay(fromMs: number, toMs: number): FrameDelaySummary;
}

/** Timers only: the page has no file system, and the engine's HTTP server is not its to reach. */
export const pageTaskEnv = (): TaskEnv => ({
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** Whether a model id is one the page runs itself. */
export function isRendererModel(model: string): model is RendererModelId {
  return model === 'renderer-main' || model === 'web-workers';
}

/** A page sees its tasks' timings but not its threads' scheduler states. */
const PAGE_STATES_REASON =
  "a page cannot read its threads' scheduler states; only its task timings are known";

/** Runs one round of a renderer-side model to completion (or cancel) and returns its result. */
export async function runRendererModel(options: RendererRunOptions): Promise<RoundResult> {
  const params = resolveParams(getWorkload(options.workload), options.params);
  const expectedChecksum = await referenceChecksum(
    options.workload,
    params,
    options.taskCount,
    options.signal,
  );
  const spawn: (index: number) => PoolWorker =
    options.model === 'web-workers' ? spawnWebWorker : () => createInProcessWorker(pageTaskEnv);
  const fromMs = performance.now();
  const outcome = await runPool({
    runId: options.runId,
    model: options.model,
    workers: options.workers,
    workload: options.workload,
    params,
    taskCount: options.taskCount,
    io: {},
    spawn,
    expectedChecksum,
    signal: options.signal,
    onEvent: options.onEvent,
    failurePolicy: options.faultOptions.failurePolicy,
    taskTimeoutMs: options.faultOptions.taskTimeoutMs,
  });
  // The pool's process list (usages, pids) stays behind: a page's workers have no pid of their own.
  const timed = withThreadStates(
    {
      workers: outcome.workers,
      timeline: outcome.timeline,
      startedAtEpochMs: outcome.startedAtEpochMs,
      startupMs: outcome.startupMs,
      wallMs: outcome.wallMs,
    },
    [],
    PAGE_STATES_REASON,
  );
  return {
    model: outcome.model,
    workers: outcome.workers,
    workload: outcome.workload,
    taskCount: outcome.taskCount,
    tasksDone: outcome.tasksDone,
    wallMs: outcome.wallMs,
    startedAtEpochMs: outcome.startedAtEpochMs,
    startupMs: outcome.startupMs,
    tasksPerSec: outcome.tasksPerSec,
    latency: outcome.latency,
    workerBusyFraction: outcome.workerBusyFraction,
    timeline: timed.timeline,
    timeShares: timed.timeShares,
    checksum: outcome.checksum,
    expectedChecksum: outcome.expectedChecksum,
    verified: outcome.verified,
    isPartial: outcome.isPartial,
    error: outcome.error,
    failures: outcome.failures,
    // The page cannot read its own CPU time or memory; the table shows these as unknown.
    processes: [],
    cpuTimeMs: null,
    peakRssBytes: null,
    eventLoopDelay: null,
    frameDelay: options.frameDelay(fromMs, performance.now()),
  };
}
