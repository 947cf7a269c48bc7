/**
 * The core-usage sampler: per-logical-core utilisation as a stream, sampled in a worker
 * thread (src/workers/hosts/sampler-thread.ts) so that the main event loop, which runs the
 * event-loop model and times every run, never pays for it.
 */
import { Worker } from 'node:worker_threads';
import { LabError, invalidArgument } from '../../shared/errors';
import type { SamplerStats } from '../../shared/lab-api';
import type { ModelId } from '../../shared/models';
import type { CoreOccupant, CoreSample } from '../../shared/results';
import type {
  SamplerCommand,
  SamplerCost,
  SamplerReport,
  SamplerSource,
  SamplerWorkerData,
  WatchedThreadId,
  WatchedThreadRef,
  WatchKeep,
} from '../../shared/sampler-protocol';
import type { ThreadReading, WatchedThread } from '../../shared/thread-states';

export const DEFAULT_SAMPLER_HZ = 10;
export const MIN_SAMPLER_HZ = 0.5;
export const MAX_SAMPLER_HZ = 50;
const STOP_GRACE_MS = 1000;
/** How long a watch's last readings may take before the run goes on without them. */
const WATCH_END_TIMEOUT_MS = 2000;

/** One model run's worker threads, read on the sampler's ticks (thread-states.ts). */
export interface ThreadWatch {
  /** Starts reading the OS thread that runs `worker`'s tasks (one thread may serve several). */
  add(worker: number, id: WatchedThreadId): void;
  /** Takes a last reading and returns every thread's readings; [] if the sampler could not. */
  finish(): Promise<WatchedThread[]>;
}

export interface CoreSamplerOptions {
  /** The built sampler thread, out/workers/sampler-thread.js. */
  scriptPath: string;
  /** Samples per second, 0.5..50. */
  hz?: number;
  /**
   * Called when the sampler thread fails after it started, a start caused by subscribe()
   * fails, or a listener throws; by default a warning on stderr.
   */
  onError?: (error: Error) => void;
}

/** A running or stopped core-usage sampler. */
export interface CoreSampler {
  /** Starts the sampler thread; resolves once it has begun sampling. Safe to call again. */
  start(): Promise<void>;
  /** Ends the sampler thread; stats() still describes the last run. */
  stop(): Promise<void>;
  /** Changes the rate, running or not. */
  setHz(hz: number): void;
  /** Adds a listener for every sample, starting the sampler if needed; returns its unsubscribe. */
  subscribe(listener: (sample: CoreSample) => void): () => void;
  /** The most recent sample, or null before the first. */
  latest(): CoreSample | null;
  /** The sampler's rate, source and own measured cost. */
  stats(): SamplerStats;
  /**
   * Opens a watch of `model`'s worker threads, starting the sampler if needed. A live run,
   * endless, keeps only the `latest` readings: enough for each core's occupant.
   */
  watchThreads(model: ModelId, keep?: WatchKeep): ThreadWatch;
}

/** Throws unless hz is a sampling rate the sampler accepts. */
export function validateHz(hz: number): number {
  if (!Number.isFinite(hz) || hz < MIN_SAMPLER_HZ || hz > MAX_SAMPLER_HZ) {
    throw invalidArgument('hz', `must be a number from ${MIN_SAMPLER_HZ} to ${MAX_SAMPLER_HZ}`);
  }
  return hz;
}

/**
 * Creates a sampler; nothing runs until start() or the first subscribe(). Once started the
 * thread is unref()'d so that it never keeps a process alive: a caller that only samples
 * (`corelab monitor`) must keep itself alive after start(), e.g. with its own timer.
 */
export function createCoreSampler(options: CoreSamplerOptions): CoreSampler {
  let hz = validateHz(options.hz ?? DEFAULT_SAMPLER_HZ);
  let source: SamplerSource = process.platform === 'linux' ? 'proc-stat' : 'systeminformation';
  let worker: Worker | null = null;
  let started: Promise<void> | null = null;
  let latestSample: CoreSample | null = null;
  let lastCost: SamplerCost | null = null;
  const listeners = new Set<(sample: CoreSample) => void>();
  const pendingWatches = new Map<number, (readings: ThreadReading[][]) => void>();
  /** Each open watch's model and threads, to name the occupant of each core. */
  const openWatches = new Map<number, { model: ModelId; threads: { workers: number[] }[] }>();
  let nextWatchId = 1;
  const reportError =
    options.onError ?? ((error: Error) => console.warn(`core sampler: ${error.message}`));

  const publish = (sample: CoreSample): void => {
    latestSample = sample;
    for (const listener of listeners) {
      try {
        listener(sample);
      } catch (error) {
        // One broken listener must not starve the others of samples.
        reportError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };

  const start = (): Promise<void> => {
    if (started) return started;
    const thread = new Worker(options.scriptPath, {
      workerData: { hz } satisfies SamplerWorkerData,
    });
    worker = thread;
    started = new Promise<void>((resolve, reject) => {
      let isReady = false;
      thread.on('message', (report: SamplerReport) => {
        switch (report.type) {
          case 'ready':
            // Held until now so that `await start()` alone keeps a process waiting. The
            // listeners are attached first on purpose: adding a 'message' listener ref()s the
            // worker's port again (Node's MessagePort behaviour).
            thread.unref();
            source = report.source;
            isReady = true;
            resolve();
            break;
          case 'sample':
            lastCost = report.cost;
            publish(
              report.occupants
                ? { ...report.sample, occupants: nameOccupants(report.occupants, openWatches) }
                : report.sample,
            );
            break;
          case 'thread-readings':
            pendingWatches.get(report.watchId)?.(report.readings);
            break;
        }
      });
      let failure: Error | null = null;
      // An uncaught error in the thread arrives as 'error', then 'exit': report it once, at exit.
      thread.on('error', (error) => {
        failure = error;
      });
      thread.on('exit', (exitCode) => {
        // A watch still waiting gets nothing rather than waiting forever.
        for (const resolveWatch of pendingWatches.values()) resolveWatch([]);
        // stop() clears `worker` first, so an exit seen while it is still ours is a crash.
        if (worker !== thread) {
          resolve();
          return;
        }
        worker = null;
        started = null;
        const reason = failure?.message ?? `its thread exited with code ${exitCode}`;
        const error = new LabError('worker-crashed', `the core sampler stopped: ${reason}`, {
          cause: failure,
        });
        if (isReady) reportError(error);
        else reject(error);
      });
    });
    return started;
  };

  const stop = async (): Promise<void> => {
    const thread = worker;
    if (!thread) return;
    worker = null;
    started = null;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    // Ask first so the thread closes its descriptors; force it if it does not go in time.
    thread.postMessage({ type: 'stop' } satisfies SamplerCommand);
    const timeout = setTimeout(() => void thread.terminate(), STOP_GRACE_MS);
    await exited;
    clearTimeout(timeout);
  };

  return {
    start,
    stop,
    setHz(next) {
      hz = validateHz(next);
      worker?.postMessage({ type: 'set-hz', hz } satisfies SamplerCommand);
    },
    subscribe(listener) {
      listeners.add(listener);
      start().catch(reportError);
      return () => {
        listeners.delete(listener);
      };
    },
    latest: () => latestSample,
    stats: () => samplerStats(hz, source, lastCost),
    watchThreads(model, keep = 'all') {
      start().catch(reportError);
      const watchId = nextWatchId++;
      const threads: { key: string; workers: number[] }[] = [];
      openWatches.set(watchId, { model, threads });
      return {
        add(workerIndex, id) {
          const key = `${id.pid}/${id.tid}`;
          const known = threads.find((t) => t.key === key);
          if (known) {
            known.workers.push(workerIndex);
            return;
          }
          threads.push({ key, workers: [workerIndex] });
          // Queued by the thread's port until it listens, if it is still starting.
          worker?.postMessage({
            type: 'watch-threads',
            watchId,
            threads: [id],
            keep,
          } satisfies SamplerCommand);
        },
        finish() {
          openWatches.delete(watchId);
          const thread = worker;
          if (!thread || threads.length === 0) return Promise.resolve([]);
          return new Promise<WatchedThread[]>((resolve) => {
            const done = (readings: ThreadReading[][]): void => {
              clearTimeout(timeout);
              pendingWatches.delete(watchId);
              resolve(threads.map((t, i) => ({ workers: t.workers, readings: readings[i] ?? [] })));
            };
            const timeout = setTimeout(() => done([]), WATCH_END_TIMEOUT_MS);
            pendingWatches.set(watchId, done);
            thread.postMessage({ type: 'end-watch', watchId } satisfies SamplerCommand);
          });
        },
      };
    },
  };
}

/** The sampler thread's per-core thread references, named by model and workers. */
function nameOccupants(
  refs: readonly (WatchedThreadRef | null)[],
  watches: ReadonlyMap<number, { model: ModelId; threads: readonly { workers: number[] }[] }>,
): (CoreOccupant | null)[] {
  return refs.map((ref) => {
    const watch = ref ? watches.get(ref.watchId) : undefined;
    const thread = ref ? watch?.threads[ref.thread] : undefined;
    // A watch that finished since the sampler read it no longer occupies anything.
    return watch && thread ? { model: watch.model, workers: thread.workers } : null;
  });
}

/**
 * The cost figures of SamplerStats. Where the thread's own CPU time is known (Linux) the
 * fraction of a core is that, everything the thread did included; elsewhere it is the mean
 * read + parse time at the current rate, which leaves out the thread's timers and messaging.
 */
function samplerStats(hz: number, source: SamplerSource, cost: SamplerCost | null): SamplerStats {
  if (!cost) return { hz, source, meanSampleCostMs: 0, cpuFractionOfOneCore: 0 };
  const cpuFractionOfOneCore =
    cost.threadCpuMs !== null && cost.elapsedMs > 0
      ? cost.threadCpuMs / cost.elapsedMs
      : (cost.meanSampleCostMs * hz) / 1000;
  return { hz, source, meanSampleCostMs: cost.meanSampleCostMs, cpuFractionOfOneCore };
}
