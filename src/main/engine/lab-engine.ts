/**
 * The engine as one LabApi implementation: both transports (Electron IPC, WebSocket) and
 * the CLI call this, so the UI, the CLI and every test exercise the same code.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { errorMessage, LabError, serializeError } from '../../shared/errors';
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
  runComparison,
  runSweep,
  type ComparisonContext,
  type RunControl,
} from './comparison';
import { createLiveLoopDelay } from './loop-delay';
import { createCoreSampler, type CoreSampler } from './core-sampler';
import { getHostInfo } from './host-info';
import { childProcessRunner, eventLoopRunner, workerThreadsRunner } from './node-runners';
import { createPythonModels } from './python-models';
import { corelabDataDir, snapshotDirIn } from './data-dir';
import { startRunRecorder, type RunRecorder } from './run-recorder';
import { snapshotApi } from './snapshot-api';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';
import type { ModelRunner, Runner } from './runner';
import type { PipelineModelId } from '../../shared/pipeline/pipeline-config';
import type { PipelinePeerSpawner } from '../../shared/pipeline/pipeline-protocol';
import { createPipelineService } from './pipeline/pipeline-service';

export interface WorkerScripts {
  workerThread: string;
  childProcess: string;
  samplerThread: string;
  /** src/python/corelab_worker.py as shipped; without it the Python models are unavailable. */
  python?: string;
  /** The pipeline's thread and process hosts; without them those models run no pipeline. */
  pipelineThread?: string;
  pipelineProcess?: string;
  /** The snapshot reader's thread; without it listings and imports parse on the engine's loop. */
  snapshotThread?: string;
}

export interface LabEngineOptions {
  workerScripts: WorkerScripts;
  /** Runtimes this host offers; 'node' always, 'electron-main' in the desktop app. */
  runtimes: Runtime[];
  versions?: { electron?: string | null; chrome?: string | null };
  /** Runners that live outside the engine (the utility-process runner in src/main). */
  extraRunners?: Runner[];
  /** Pipeline participants that live outside the engine (utility processes, in src/main). */
  extraPipelineSpawners?: Partial<Record<PipelineModelId, PipelinePeerSpawner>>;
  /** Largest worker count allowed; default 2× logical cores. */
  maxWorkers?: number;
  samplerHz?: number;
  /**
   * Corelab's data folder (the desktop app passes Electron's userData); snapshots live in its
   * snapshots/ folder. CORELAB_DATA_DIR overrides it; by default the platform's data folder.
   */
  dataDir?: string;
}

/** The engine plus what only its owner may do. */
export interface LabEngine extends LabApi {
  /** Runs a comparison and resolves with its result (the CLI's path). */
  run(config: unknown, control?: RunControl): Promise<RunResult>;
  sweep(config: unknown, control?: RunControl): Promise<SweepResult>;
  readonly sampler: CoreSampler;
  readonly snapshots: SnapshotStore;
  /** Records core samples and model starts for a snapshot of the run about to start. */
  startRecording(): RunRecorder;
  close(): Promise<void>;
}

/** Creates the engine for one host. */
export function createLabEngine(options: LabEngineOptions): LabEngine {
  const python = createPythonModels(options.workerScripts.python);
  const runners = new Map<ModelId, ModelRunner>();
  for (const runner of [
    eventLoopRunner(),
    workerThreadsRunner(options.workerScripts.workerThread),
    childProcessRunner(options.workerScripts.childProcess),
    ...python.runners,
    ...(options.extraRunners ?? []),
  ]) {
    runners.set(runner.model, runner);
  }
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
    referenceScript: options.workerScripts.workerThread,
  };
  const sampler = createCoreSampler({
    scriptPath: options.workerScripts.samplerThread,
    hz: options.samplerHz ?? 10,
  });
  // Rides along with the core samples so the UI shows the engine's loop delay live.
  const liveLoopDelay = createLiveLoopDelay();
  const snapshots = createSnapshotStore(snapshotDirIn(corelabDataDir(options.dataDir)), undefined, {
    readerScript: options.workerScripts.snapshotThread,
  });
  const eventListeners = new Set<(event: LabEvent) => void>();
  const emit = (event: LabEvent): void => {
    for (const listener of eventListeners) listener(event);
  };
  const active = new Map<string, AbortController>();
  const pipelines = createPipelineService({
    scripts: {
      thread: options.workerScripts.pipelineThread,
      process: options.workerScripts.pipelineProcess,
    },
    extraSpawners: options.extraPipelineSpawners,
    pythonScript: options.workerScripts.python,
    unavailableReason: (model) => context.unavailableReason(model),
    isRunBusy: () => active.size > 0,
    emit,
  });

  /** Starts a run in the background, one at a time: two runs would share the cores. */
  const start = (
    body: (control: RunControl) => Promise<RunResult | SweepResult>,
    done: (runId: string, result: never) => LabEvent,
  ): { runId: string } => {
    if (active.size > 0 || pipelines.isActive()) {
      throw new LabError('busy', 'a run is already in progress; stop it or wait for it to end');
    }
    const runId = randomUUID();
    const controller = new AbortController();
    active.set(runId, controller);
    // Forget the run before announcing its end, so a listener may start the next one.
    body({ runId, signal: controller.signal, onEvent: emit }).then(
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

  return {
    sampler,
    snapshots,
    startRecording: () => startRunRecorder(sampler),
    ...snapshotApi(snapshots, () => getHostInfo(options.versions)),
    getHostInfo: () => getHostInfo(options.versions),
    getCapabilities: async (): Promise<Capabilities> => {
      await python.ready;
      return {
        runtimes: runtimes(),
        models: MODEL_IDS.map((id) => ({ id, unavailableReason: context.unavailableReason(id) })),
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
      await python.ready;
      return runComparison(context, config, control);
    },
    sweep: async (config, control) => {
      await python.ready;
      return runSweep(context, config, control);
    },
    startRun: async (config) => {
      await python.ready;
      // A bad config is refused here, as this call's error, not as a failed run later.
      checkRunConfig(context, config);
      return start(
        (control) => runComparison(context, config, control),
        (runId, result: RunResult) => ({ type: 'run-done', runId, result }),
      );
    },
    startSweep: async (config) => {
      await python.ready;
      checkSweepConfig(context, config);
      return start(
        (control) => runSweep(context, config, control),
        (runId, result: SweepResult) => ({ type: 'sweep-done', runId, result }),
      );
    },
    cancel: async (runId) => {
      const controller = active.get(runId);
      if (!controller) throw new LabError('not-found', `no active run with id ${runId}`);
      controller.abort();
    },
    startPipeline: async (config) => {
      // A Python model is judged on detection's answer, as runs are.
      await python.ready;
      return pipelines.start(config);
    },
    stopPipeline: async (runId, stopOptions) => pipelines.stop(runId, stopOptions),
    onCoreSample: (listener: (sample: CoreSample) => void) =>
      sampler.subscribe((sample) =>
        listener({ ...sample, engineLoopDelayMs: liveLoopDelay.p99Ms() }),
      ),
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close: async () => {
      for (const controller of active.values()) controller.abort();
      liveLoopDelay.stop();
      await pipelines.close();
      eventListeners.clear();
      await sampler.stop().catch((error: unknown) => {
        // Closing must not fail because the sampler already died; say so and go on.
        console.warn(`sampler did not stop cleanly: ${errorMessage(error)}`);
      });
    },
  };
}
