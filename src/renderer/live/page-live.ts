/**
 * The live runs the page hosts itself: web-workers (Web Workers) and renderer-main (tasks on
 * the UI thread), through the same live loop as the engine's models (shared/live/live-run),
 * reporting the engine's shapes. renderer-main's workers are slots of tasks in flight on
 * this thread; each task is a macrotask of its own, so input and painting get their turn
 * between two tasks (a task of hundreds of ms still freezes the window: that is the lesson).
 */
import { calibrateLiveCost, type LiveCosts } from '../../shared/live/live-calibration';
import { checkLiveConfig, LiveRun, type LiveHost } from '../../shared/live/live-run';
import type { LiveConfig, LiveResize, LiveResult, LiveSample } from '../../shared/live/live-schema';
import { MODELS, type ModelId } from '../../shared/models';
import { createInProcessWorker } from '../../shared/pool/in-process-worker';
import { MAX_WORKERS_CEILING } from '../../shared/run-config';
import { canUseWebWorkers } from '../state/run-form';
import { pageTaskEnv } from '../renderer-models/run-renderer-model';
import { referenceTaskChecksums } from '../renderer-models/reference-checksum';
import { spawnWebWorker } from '../renderer-models/web-worker-handle';

/** A page live run: steer it, stop it, and its result once ended. */
export interface PageLiveHandle {
  /** Throws a LabError for a count the pool cannot take. */
  setWorkers(model: ModelId, workers: number): void;
  setTaskSize(taskUs: number): void;
  stop(): void;
  result: Promise<LiveResult>;
}

export interface PageLiveListener {
  onSample(sample: LiveSample): void;
  onResize(resize: LiveResize): void;
}

/** Starts page live runs; tests pass their own. */
export type PageLiveStarter = (config: LiveConfig, listener: PageLiveListener) => PageLiveHandle;

/**
 * Work each Web Worker holds queued: a shrink, a task size change or Stop waits up to this
 * long for it, and a frame of the window up to this long leaves the workers busy.
 */
const WEB_WORKER_QUEUE_AHEAD_MS = 100;

/** The page's calibrations, so that runs soon after each other cut their tasks alike. */
const pageCosts: LiveCosts = new Map();

/** The page as a live run's host: Web Workers and UI-thread slots, probes and references. */
const pageLiveHost: LiveHost = {
  // The page has no limit of its own beyond the contract's: a Web Worker is a thread.
  maxWorkers: MAX_WORKERS_CEILING,
  unavailableReason: (model) => {
    if (MODELS[model].runtime !== 'renderer') return 'it runs in the engine, not in the page';
    if (model === 'web-workers' && !canUseWebWorkers()) return 'this page cannot start Web Workers';
    return null;
  },
  // A page's workers end with the pool; nothing else is held open for them.
  openWorkers: (model) =>
    model === 'web-workers'
      ? {
          spawn: spawnWebWorker,
          finish: async () => undefined,
          // This thread hands out their tasks, and it also draws the window: a long frame
          // would idle every worker without some work queued at each.
          queueAheadMs: WEB_WORKER_QUEUE_AHEAD_MS,
        }
      : // renderer-main: queued or not, its tasks wait for this same thread.
        { spawn: () => createInProcessWorker(pageTaskEnv), finish: async () => undefined },
  // Measured on a Web Worker for both models: the kernel costs alike on any JS thread, and
  // a probe on the UI thread would freeze the window for its length.
  unitCost: (workload, params, signal) =>
    calibrateLiveCost(
      pageCosts,
      workload,
      params,
      () => ({ spawn: spawnWebWorker, finish: async () => undefined }),
      signal,
    ),
  taskChecksums: referenceTaskChecksums,
};

/** Starts the page's part of a live run. */
export const startPageLive: PageLiveStarter = (config, listener) => {
  const controller = new AbortController();
  const run = new LiveRun(pageLiveHost, checkLiveConfig(pageLiveHost, config), {
    runId: crypto.randomUUID(),
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'live-sample') listener.onSample(event.sample);
      else if (event.type === 'live-resize') listener.onResize(event.resize);
    },
  });
  return {
    setWorkers: (model, workers) => {
      // Refusals are thrown at once; the resize itself is reported through onResize.
      void run.setWorkers(model, workers);
    },
    setTaskSize: (taskUs) => run.setTaskSize(taskUs),
    // Stop is a cancel, as it is for the engine's part: each worker ends the task in hand.
    stop: () => controller.abort(),
    result: run.result,
  };
};
