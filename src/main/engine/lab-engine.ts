/**
 * The engine as one LabApi implementation: both transports (Electron IPC, WebSocket) and
 * the CLI call this, so the UI, the CLI and every test exercise the same code.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  errorMessage,
  LabError,
  serializeError,
  runInProgressError,
  noActiveRunError,
} from '../../shared/errors';
import type { Capabilities, LabApi, LabEvent, RunResult, SweepResult } from '../../shared/lab-api';
import {
  MODEL_IDS,
  MODELS,
  unavailableReason,
  type ModelId,
  type Runtime,
} from '../../shared/models';
import type { CoreSample } from '../../shared/results';
import { WORKLOADS } from '../../shared/workloads/registry';
import {
  checkRunConfig,
  checkSweepConfig,
  estimateComparison,
  runComparison,
  runSweep,
  type CalibrationCache,
  type ComparisonContext,
  type RunControl,
} from './comparison';
import { createLiveLoopDelay } from '../../node/loop-delay';
import { createCoreSampler, type CoreSampler } from './core-sampler';
import { getHostInfo } from './host-info';
import { nodeRunners } from './node-runners';
import { requiredHost, type WorkerScripts } from './worker-hosts';
import { createPythonModels } from './python-models';
import { corelabDataDir, snapshotDirIn } from './data-dir';
import { startRunRecorder, type RunRecorder } from './run-recorder';
import { snapshotApi } from './snapshot-api';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';
import type { AppProcessSource } from './app-processes';
import { workloadReasons, type ModelRunner } from './runner';
import { createSpawnOwner, type SpawnOwner } from './spawn-owner';
import type { PipelineModelId } from '../../shared/pipeline/pipeline-config';
import type { PipelinePeerSpawner } from '../../shared/pipeline/pipeline-protocol';
import type { PipelineHost } from '../../shared/pipeline/hosted-backend';
import { createPipelineService } from './pipeline/pipeline-service';
import { exploreMessages } from './messages/message-explorer';
import {
  messageOptionsSchema,
  type MessageProgress,
  type MessageReport,
} from '../../shared/messages/message-cost';
import { invalidFields } from '../../shared/lab-wire';
import { checkLiveConfig, LiveRun } from '../../shared/live/live-run';
import { engineLiveHost } from './live/live-host';
import type { LiveResult } from '../../shared/live/live-schema';

export interface LabEngineOptions {
  workerScripts: WorkerScripts;
  /** Runtimes this host offers; 'node' always, 'electron-main' in the desktop app. */
  runtimes: Runtime[];
  versions?: { electron?: string | null; chrome?: string | null };
  /**
   * Runners that live outside the engine (the utility-process runner in src/main); one for a
   * model the engine also runs (the event loop on a utility process) takes its place.
   */
  extraRunners?: ModelRunner[];
  /** Pipeline participants that live outside the engine (utility processes, in src/main). */
  extraPipelineSpawners?: Partial<Record<PipelineModelId, PipelinePeerSpawner>>;
  /** The event-loop pipeline's host outside the engine (a utility process in the app). */
  pipelineEventLoopHost?: () => PipelineHost;
  /** The desktop app's processes (app.getAppMetrics), so results count the renderer and GPU. */
  appProcesses?: AppProcessSource;
  /** Largest worker count allowed; default 2× logical cores. */
  maxWorkers?: number;
  samplerHz?: number;
  /**
   * Corelab's data folder; snapshots live in its snapshots/ folder. CORELAB_DATA_DIR
   * overrides it; by default the platform's data folder, which the app and the CLI share.
   */
  dataDir?: string;
}

/** The engine plus what only its owner may do. */
export interface LabEngine extends LabApi {
  /** Runs a comparison and resolves with its result (the CLI's path). */
  run(config: unknown, control?: RunControl): Promise<RunResult>;
  /** Starts a live run and hands back its controls; its events go to `onEvent` (the CLI's path). */
  live(
    config: unknown,
    control: { signal: AbortSignal; onEvent: (event: LabEvent) => void },
  ): Promise<LiveRun>;
  sweep(config: unknown, control?: RunControl): Promise<SweepResult>;
  /** Measures what a message costs, reporting each row to `onProgress` (the CLI's path). */
  messages(
    options: unknown,
    control?: { signal?: AbortSignal; onProgress?: (progress: MessageProgress) => void },
  ): Promise<MessageReport>;
  readonly sampler: CoreSampler;
  readonly snapshots: SnapshotStore;
  /** Records core samples and model starts for a snapshot of the run about to start. */
  startRecording(): RunRecorder;
  close(): Promise<void>;
}

/** How long a calibration stands: the machine's load and clock may change after that. */
const CALIBRATION_TTL_MS = 120_000;

/** Recent calibrations by key, forgotten after CALIBRATION_TTL_MS. */
function calibrationCache(): CalibrationCache {
  const entries = new Map<
    string,
    { estimate: Parameters<CalibrationCache['set']>[1]; atMs: number }
  >();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry || performance.now() - entry.atMs > CALIBRATION_TTL_MS) return undefined;
      return entry.estimate;
    },
    set(key, estimate) {
      for (const [k, e] of entries) {
        if (performance.now() - e.atMs > CALIBRATION_TTL_MS) entries.delete(k);
      }
      entries.set(key, { estimate, atMs: performance.now() });
    },
  };
}

/** Whether an unchecked run, sweep or pipeline config names a Python model. */
function namesPythonModel(config: unknown): boolean {
  const { models, model } = (config ?? {}) as { models?: unknown; model?: unknown };
  const named = [model, ...(Array.isArray(models) ? models : []).map((m) => m?.model)];
  return named.some(
    (id) =>
      typeof id === 'string' &&
      (MODEL_IDS as readonly string[]).includes(id) &&
      MODELS[id as ModelId].runtime === 'python',
  );
}

/** The runner, with every worker it spawns held by the engine's owner. */
function ownedRunner(runner: ModelRunner, owner: SpawnOwner): ModelRunner {
  // A self-pooling runner (Python) registers its own process group with the owner.
  if ('runModel' in runner) return runner;
  if ('openRun' in runner) {
    return {
      ...runner,
      openRun: () => {
        const workers = runner.openRun();
        return { ...workers, spawn: (index) => owner.adopt(workers.spawn(index)) };
      },
    };
  }
  return {
    ...runner,
    spawn: (index, spawnOptions) => owner.adopt(runner.spawn(index, spawnOptions)),
  };
}

/** Creates the engine for one host. */
export function createLabEngine(options: LabEngineOptions): LabEngine {
  const owner = createSpawnOwner();
  const python = createPythonModels(options.workerScripts.python, owner);
  const runners = new Map<ModelId, ModelRunner>();
  const { hosts } = options.workerScripts;
  const engineRunners: ModelRunner[] = [...nodeRunners(hosts), ...(options.extraRunners ?? [])];
  for (const runner of engineRunners) runners.set(runner.model, ownedRunner(runner, owner));
  for (const runner of python.runners) runners.set(runner.model, runner);
  // Python is looked for only where a config names one of its models: a run without one,
  // or merely starting up, never runs python3 (on macOS that can open an installer dialog).
  const whenPythonNamed = (config: unknown): Promise<void> =>
    namesPythonModel(config) ? python.ready() : Promise.resolve();
  // 'python' is a runtime of this host once an interpreter has been found.
  const runtimes = (): Runtime[] =>
    python.unavailableReason() === null ? [...options.runtimes, 'python'] : options.runtimes;
  const maxWorkers = options.maxWorkers ?? 2 * availableParallelism();
  const context: ComparisonContext = {
    runners,
    unavailableReason: (model) => {
      const reason = unavailableReason(model, runtimes());
      if (reason !== null && MODELS[model].runtime === 'python') {
        return `${reason}: ${python.unavailableReason()}`;
      }
      return reason ?? (runners.has(model) ? null : 'has no runner in this host');
    },
    maxWorkers,
    referenceScript: requiredHost(options.workerScripts, 'worker-thread'),
    calibrations: calibrationCache(),
    appProcesses: options.appProcesses,
    owner,
    watchThreads: (model) => sampler.watchThreads(model),
  };
  const sampler = createCoreSampler({
    scriptPath: requiredHost(options.workerScripts, 'sampler-thread'),
    hz: options.samplerHz ?? 10,
  });
  // Rides along with the core samples so the UI shows the engine's loop delay live.
  const liveLoopDelay = createLiveLoopDelay();
  const snapshots = createSnapshotStore(snapshotDirIn(corelabDataDir(options.dataDir)), undefined, {
    readerScript: hosts['snapshot-thread'],
  });
  const eventListeners = new Set<(event: LabEvent) => void>();
  const emit = (event: LabEvent): void => {
    for (const listener of eventListeners) listener(event);
  };
  const active = new Map<string, AbortController>();
  /**
   * Estimates calibrate on the cores too, but only to advise: a run, pipeline or measurement
   * the person starts takes the cores over, instead of being refused for an estimate they
   * did not ask for (the form asks for one whenever it changes).
   */
  const estimates = new Map<AbortController, Promise<unknown>>();
  let closing = false;
  const yieldEstimates = async (): Promise<void> => {
    for (const controller of estimates.keys()) controller.abort();
    await Promise.allSettled(estimates.values());
  };
  const pipelines = createPipelineService({
    scripts: {
      thread: hosts['pipeline-thread'],
      process: hosts['pipeline-process'],
      eventLoop: hosts['pipeline-event-loop'],
    },
    extraSpawners: options.extraPipelineSpawners,
    eventLoopHost: options.pipelineEventLoopHost,
    owner,
    pythonScript: options.workerScripts.python,
    unavailableReason: (model) => context.unavailableReason(model),
    isRunBusy: () => active.size > 0,
    claimCores: () => void yieldEstimates(),
    watchThreads: (model) => ({ ...sampler.watchThreads(model), started: sampler.start() }),
    emit,
  });

  /** Starts a run in the background, one at a time: two runs would share the cores. */
  const start = async (
    body: (control: RunControl) => Promise<RunResult | SweepResult | LiveResult>,
    done: (runId: string, result: never) => LabEvent,
  ): Promise<{ runId: string }> => {
    if (active.size > 0 || pipelines.isActive()) {
      throw runInProgressError();
    }
    const runId = randomUUID();
    const controller = new AbortController();
    active.set(runId, controller);
    const control = { runId, signal: controller.signal, onEvent: emit };
    // An estimate gives the cores up first (no new one begins while a run is registered);
    // the run begins before this answers, so a live run is open to setWorkers at once.
    await yieldEstimates();
    const begun = body(control);
    // Forget the run before announcing its end, so a listener may start the next one.
    begun.then(
      (result) => {
        active.delete(runId);
        emit(done(runId, result as never));
      },
      (error: unknown) => {
        active.delete(runId);
        emit({
          type: 'run-failed',
          runId,
          error: serializeError(error),
          isCancelled: controller.signal.aborted,
        });
      },
    );
    return { runId };
  };

  /** The explorer, one at a time and never beside a run: they would share the cores. */
  const messages: LabEngine['messages'] = async (unchecked, control) => {
    const parsed = messageOptionsSchema.safeParse(unchecked);
    if (!parsed.success) throw invalidFields('measureMessages', 'options', parsed.error);
    if (active.size > 0 || pipelines.isActive()) {
      throw new LabError(
        'busy',
        'a run (or its estimate) is using the cores; measure again once it ends',
      );
    }
    const runId = randomUUID();
    const controller = new AbortController();
    active.set(runId, controller);
    messagesController = controller;
    const onAbort = (): void => controller.abort();
    control?.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await yieldEstimates();
      return await exploreMessages(
        {
          echoScript: hosts['message-echo'],
          pythonWorkerScript: options.workerScripts.python,
          owner,
        },
        parsed.data,
        (progress) => {
          control?.onProgress?.(progress);
          emit({ type: 'messages-progress', runId, progress });
        },
        controller.signal,
      );
    } finally {
      control?.signal?.removeEventListener('abort', onAbort);
      active.delete(runId);
      if (messagesController === controller) messagesController = null;
    }
  };
  /** The explorer's measurement in progress, for cancelMessages. */
  let messagesController: AbortController | null = null;

  const liveRuns = new Map<string, LiveRun>();
  const liveHost = engineLiveHost({
    runners,
    unavailableReason: context.unavailableReason,
    maxWorkers,
    referenceScript: requiredHost(options.workerScripts, 'worker-thread'),
    owner,
    costs: new Map(),
    watchThreads: (model: ModelId) => sampler.watchThreads(model, 'latest'),
  });
  /** The live run with this id, or 'not-found'. */
  const liveRun = (runId: string): LiveRun => {
    const run = liveRuns.get(runId);
    if (!run) throw noActiveRunError('live run', runId);
    return run;
  };
  /** Starts a checked live run under `runId`, reachable by setWorkers until it ends. */
  const openLive = (
    config: unknown,
    control: { runId: string; signal: AbortSignal; onEvent: (event: LabEvent) => void },
  ): LiveRun => {
    const run = new LiveRun(liveHost, checkLiveConfig(liveHost, config), control);
    liveRuns.set(control.runId, run);
    run.result.then(
      () => liveRuns.delete(control.runId),
      () => liveRuns.delete(control.runId),
    );
    return run;
  };

  return {
    sampler,
    snapshots,
    messages,
    measureMessages: (messageOptions) => messages(messageOptions),
    cancelMessages: async () => messagesController?.abort(),
    startRecording: () => startRunRecorder(sampler),
    ...snapshotApi(snapshots, () => getHostInfo(options.versions)),
    getHostInfo: () => getHostInfo(options.versions),
    getCapabilities: async (): Promise<Capabilities> => {
      await python.ready();
      return {
        runtimes: runtimes(),
        models: MODEL_IDS.map((id) => ({
          id,
          unavailableReason: context.unavailableReason(id),
          workloadReasons: workloadReasons(runners.get(id), WORKLOADS),
          // Every pool resizes in a live run: the shared pull loop drives each worker, Python's
          // through its live host (python-live.ts), the page's in the page.
          canResize: true,
          resizeReason: null,
          pipelineReason: pipelines.pipelineReason(id),
        })),
        workloads: WORKLOADS.map(
          ({ id, label, kind, description, params, defaultTasks, needs }) => ({
            id,
            label,
            kind,
            description,
            params,
            defaultTasks,
            needs,
          }),
        ),
        maxWorkers,
      };
    },
    getSamplerStats: async () => sampler.stats(),
    // Runs wait for Python detection, so that a Python model is judged on its answer.
    run: async (config, control) => {
      await whenPythonNamed(config);
      return runComparison(context, config, control);
    },
    sweep: async (config, control) => {
      await whenPythonNamed(config);
      return runSweep(context, config, control);
    },
    estimateRun: async (config) => {
      await whenPythonNamed(config);
      // Probes use the cores: they wait for a run in progress, or another estimate.
      if (active.size > 0 || pipelines.isActive() || estimates.size > 0) {
        throw new LabError('busy', 'a run is in progress; the estimate waits until it ends');
      }
      const controller = new AbortController();
      const estimate = estimateComparison(context, config, {
        runId: randomUUID(),
        signal: controller.signal,
      });
      estimates.set(controller, estimate);
      try {
        return await estimate;
      } catch (error) {
        if (!controller.signal.aborted || closing) throw error;
        throw new LabError('busy', 'a run started; the estimate waits until it ends');
      } finally {
        estimates.delete(controller);
      }
    },
    startRun: async (config) => {
      await whenPythonNamed(config);
      // A bad config is refused here, as this call's error, not as a failed run later.
      checkRunConfig(context, config);
      return start(
        (control) => runComparison(context, config, control),
        (runId, result: RunResult) => ({ type: 'run-done', runId, result }),
      );
    },
    startSweep: async (config) => {
      await whenPythonNamed(config);
      checkSweepConfig(context, config);
      return start(
        (control) => runSweep(context, config, control),
        (runId, result: SweepResult) => ({ type: 'sweep-done', runId, result }),
      );
    },
    cancel: async (runId) => {
      const controller = active.get(runId);
      if (!controller) throw noActiveRunError('run', runId);
      controller.abort();
    },
    startLive: async (config) => {
      await whenPythonNamed(config);
      // A bad config is refused here, as this call's error, not as a failed run later.
      checkLiveConfig(liveHost, config);
      return start(
        ({ runId, signal }) =>
          openLive(config, { runId: runId!, signal: signal!, onEvent: emit }).result,
        (runId, result: LiveResult) => ({ type: 'live-done', runId, result }),
      );
    },
    live: async (config, control) => {
      await whenPythonNamed(config);
      return openLive(config, { runId: randomUUID(), ...control });
    },
    // Answers once the resize is under way; its effect arrives as a 'live-resize' event.
    setWorkers: async (runId, model, workers) => {
      liveRun(runId)
        .setWorkers(model, workers)
        .catch(() => undefined);
    },
    setTaskSize: async (runId, taskUs) => liveRun(runId).setTaskSize(taskUs),
    startPipeline: async (config) => {
      // A Python model is judged on detection's answer, as runs are.
      await whenPythonNamed(config);
      return pipelines.start(config);
    },
    stopPipeline: async (runId, stopOptions) => pipelines.stop(runId, stopOptions),
    onCoreSample: (listener: (sample: CoreSample) => void) =>
      sampler.subscribe((sample) => {
        // None until there is a reading: the page shows a dash, not "0.00 ms".
        const engineLoopDelayMs = liveLoopDelay.p99Ms();
        listener(engineLoopDelayMs === null ? sample : { ...sample, engineLoopDelayMs });
      }),
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close: async () => {
      closing = true;
      for (const controller of [...active.values(), ...estimates.keys()]) controller.abort();
      liveLoopDelay.stop();
      // Whatever a run still has (a reference checksum, workers of a run the CLI started
      // with its own signal) ends here, within a second.
      await owner.close();
      await pipelines.close();
      eventListeners.clear();
      await sampler.stop().catch((error: unknown) => {
        // Closing must not fail because the sampler already died; say so and go on.
        console.warn(`sampler did not stop cleanly: ${errorMessage(error)}`);
      });
    },
  };
}
