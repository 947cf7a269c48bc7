/**
 * The engine's side of a live run (the loop itself is src/shared/live/live-run.ts): its
 * models' workers, each core's occupant named by a thread watch, the calibration probe and
 * the per-task reference checksums on worker threads.
 */
import { LabError } from '../../../shared/errors';
import { calibrateLiveCost, type LiveCosts } from '../../../shared/live/live-calibration';
import type { LiveHost, LiveWorkers } from '../../../shared/live/live-run';
import { MODELS, type ModelId } from '../../../shared/models';
import type { ThreadWatch } from '../core-sampler';
import { openLiveWorkers, openWorkers, watchedWorker } from '../model-run';
import { referenceTaskChecksums } from '../reference';
import type { ModelRunner } from '../runner';
import type { SpawnOwner } from '../spawn-owner';
import { threadStatesUnreadableReason } from '../thread-state-support';

/** What a live run needs from the engine. */
export interface LiveContext {
  runners: ReadonlyMap<ModelId, ModelRunner>;
  unavailableReason(model: ModelId): string | null;
  maxWorkers: number;
  /** The worker-thread script: reference checksums and the calibration probe run on it. */
  referenceScript: string;
  owner: SpawnOwner;
  costs: LiveCosts;
  /** Watches a model's worker threads, so that core samples name the worker on each core. */
  watchThreads?: (model: ModelId) => ThreadWatch;
}

export function engineLiveHost(context: LiveContext): LiveHost {
  return {
    maxWorkers: context.maxWorkers,
    unavailableReason: context.unavailableReason,
    openWorkers: (model) => openEngineWorkers(context, model),
    unitCost: async (workload, params, signal) => {
      const runner = context.runners.get('worker-threads');
      if (!runner || !('spawn' in runner)) {
        throw new LabError('unavailable', `no worker thread to calibrate ${workload.id} on`);
      }
      return calibrateLiveCost(context.costs, workload, params, () => openWorkers(runner), signal);
    },
    taskChecksums: (workload, params, taskCount) =>
      referenceTaskChecksums(context.referenceScript, workload, params, taskCount, {
        owner: context.owner,
      }),
  };
}

/** A model's live workers, each telling the core sampler which OS thread it runs on. */
function openEngineWorkers(context: LiveContext, model: ModelId): LiveWorkers {
  const runner = context.runners.get(model);
  if (!runner) throw new LabError('unavailable', `${MODELS[model].label} has no runner here`);
  const opened = openLiveWorkers(runner);
  const watch =
    threadStatesUnreadableReason() === null ? (context.watchThreads?.(model) ?? null) : null;
  if (!watch) return opened;
  return {
    spawn: (index) => watchedWorker(opened.spawn(index), index, watch),
    finish: () => {
      // Only the occupants of the cores were wanted, while it ran: the readings go.
      void watch.finish();
      return opened.finish();
    },
  };
}
