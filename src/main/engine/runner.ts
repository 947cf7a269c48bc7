/** The seam every concurrency model plugs into (STYLE.md §4). */
import type { ModelId } from '../../shared/models';
import type { FailurePolicy, PoolWorker } from '../../shared/pool/run-pool';
import type { HostUsage, LoopLateness } from '../../shared/pool/shared-thread';
import type { AppProcessSource } from './app-processes';
import type { ThreadWatch } from './core-sampler';
import type { IoConfig } from '../../shared/protocol';
import type { RoundResult } from '../../shared/rounds';
import type { RunEvent } from '../../shared/run-events';
import type { WorkloadNeed, WorkloadParams } from '../../shared/workloads/types';

/** What a run asks of each worker it spawns. */
export interface WorkerSpawnOptions {
  /** Heap limit of the worker's thread or process, in MiB; V8's default when absent. */
  memoryLimitMb?: number;
}

export interface Runner {
  readonly model: ModelId;
  /**
   * True when the workers live in the engine's own process (threads, the event loop):
   * their CPU time and memory are that process's, not reported by each worker.
   */
  readonly isInProcess: boolean;
  /** Creates worker `index` of a run; the pool drives it through the shared protocol. */
  spawn(index: number, options?: WorkerSpawnOptions): PoolWorker;
  /**
   * Why this model cannot offer what a workload needs, or null when it can; absent when it
   * offers every host facility.
   */
  unavailableFor?(workloadId: string, needs: readonly WorkloadNeed[]): string | null;
}

/** One model's run as a comparison or sweep asks for it, whoever carries it out. */
export interface ModelRunRequest {
  runId: string;
  workers: number;
  workload: string;
  params: WorkloadParams;
  taskCount: number;
  io: IoConfig;
  expectedChecksum: number | null;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  failurePolicy?: FailurePolicy;
  /** A task running longer than this fails and its worker is stopped. */
  taskTimeoutMs?: number;
  /** Heap limit of each worker thread or process, in MiB. */
  memoryLimitMb?: number;
  /** The desktop app's other processes (renderer, GPU, utility), to add to the figures. */
  appProcesses?: AppProcessSource;
  /** Opens a watch of the run's worker threads; absent, the thread states go unmeasured. */
  watchThreads?: (model: ModelId) => ThreadWatch;
}

/**
 * A model that pools its own workers and measures a whole run itself: Python's pools live
 * in the Python process, so the engine cannot hand out tasks one worker at a time.
 */
export interface SelfPoolingRunner {
  readonly model: ModelId;
  runModel(request: ModelRunRequest): Promise<RoundResult>;
  /**
   * A live run's workers, which the shared pull loop drives one by one (so the pool resizes);
   * they still run in the model's own processes, threads or coroutines.
   */
  openLive(): RunWorkers;
  /** Why this model cannot run a workload (no port of it), or null when it can. */
  unavailableFor?(workloadId: string, needs: readonly WorkloadNeed[]): string | null;
}

/** What a run's workers report after the pool is done, where they share one host. */
export interface SharedHostReport {
  /** How late the host's own event loop ran; absent when it was ended before it could say. */
  eventLoopDelay?: LoopLateness;
  /** The host process's own usage, where it is a process of its own. */
  usage?: HostUsage;
}

/** One run's workers, spawned into a host they share. */
export interface RunWorkers {
  spawn(index: number): PoolWorker;
  /** Ends the host after the pool is done, and says what it measured. */
  finish(): Promise<SharedHostReport>;
}

/**
 * A model whose workers of one run share one host (the event loop's thread): the pool drives
 * them one by one, but each run opens the host first and finishes it after.
 */
export interface SharedHostRunner {
  readonly model: ModelId;
  /** As Runner.isInProcess: true when the host is a thread of the engine's process. */
  readonly isInProcess: boolean;
  openRun(): RunWorkers;
  unavailableFor?(workloadId: string, needs: readonly WorkloadNeed[]): string | null;
}

/** Any model's runner: one the shared pool drives, or one that runs its own pool. */
export type ModelRunner = Runner | SharedHostRunner | SelfPoolingRunner;

/** Why `runner` cannot run `workload`, or null; the same answer for Capabilities and a run. */
export function workloadReason(
  runner: ModelRunner,
  workload: { id: string; needs: readonly WorkloadNeed[] },
): string | null {
  return runner.unavailableFor?.(workload.id, workload.needs) ?? null;
}

/** Each workload `runner` cannot run, with the reason: the row of Capabilities' matrix. */
export function workloadReasons(
  runner: ModelRunner | undefined,
  workloads: readonly { id: string; needs: readonly WorkloadNeed[] }[],
): Record<string, string> {
  if (!runner) return {};
  const reasons: Record<string, string> = {};
  for (const workload of workloads) {
    const reason = workloadReason(runner, workload);
    if (reason !== null) reasons[workload.id] = reason;
  }
  return reasons;
}
