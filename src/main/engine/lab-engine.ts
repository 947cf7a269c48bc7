/**
 * The engine as one LabApi implementation: both transports (Electron IPC, WebSocket) and
 * the CLI call this, so the UI, the CLI and every test exercise the same code.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { errorMessage, LabError, serializeError } from '../../shared/errors';
import type { Capabilities, LabApi, LabEvent, RunResult, SweepResult } from '../../shared/lab-api';
import { MODEL_IDS, unavailableReason, type ModelId, type Runtime } from '../../shared/models';
import type { CoreSample } from '../../shared/results';
import { WORKLOADS } from '../../shared/workloads/registry';
import { runComparison, runSweep, type ComparisonContext, type RunControl } from './comparison';
import { createCoreSampler, type CoreSampler } from './core-sampler';
import { getHostInfo } from './host-info';
import { childProcessRunner, eventLoopRunner, workerThreadsRunner } from './node-runners';
import type { Runner } from './runner';

export interface WorkerScripts {
  workerThread: string;
  childProcess: string;
  samplerThread: string;
}

export interface LabEngineOptions {
  workerScripts: WorkerScripts;
  /** Runtimes this host offers; 'node' always, 'electron-main' in the desktop app. */
  runtimes: Runtime[];
  versions?: { electron?: string | null; chrome?: string | null };
  /** Runners that live outside the engine (the utility-process runner in src/main). */
  extraRunners?: Runner[];
  /** Largest worker count allowed; default 2× logical cores. */
  maxWorkers?: number;
  samplerHz?: number;
}

/** The engine plus what only its owner may do. */
export interface LabEngine extends LabApi {
  /** Runs a comparison and resolves with its result (the CLI's path). */
  run(config: unknown, control?: RunControl): Promise<RunResult>;
  sweep(config: unknown, control?: RunControl): Promise<SweepResult>;
  readonly sampler: CoreSampler;
  close(): Promise<void>;
}

/** Creates the engine for one host. */
export function createLabEngine(options: LabEngineOptions): LabEngine {
  const runners = new Map<ModelId, Runner>();
  for (const runner of [
    eventLoopRunner(),
    workerThreadsRunner(options.workerScripts.workerThread),
    childProcessRunner(options.workerScripts.childProcess),
    ...(options.extraRunners ?? []),
  ]) {
    runners.set(runner.model, runner);
  }
  const maxWorkers = options.maxWorkers ?? 2 * availableParallelism();
  const context: ComparisonContext = {
    runners,
    unavailableReason: (model) =>
      unavailableReason(model, options.runtimes) ??
      (runners.has(model) ? null : 'has no runner in this host'),
    maxWorkers,
    referenceScript: options.workerScripts.workerThread,
  };
  const sampler = createCoreSampler({
    scriptPath: options.workerScripts.samplerThread,
    hz: options.samplerHz ?? 10,
  });
  const eventListeners = new Set<(event: LabEvent) => void>();
  const emit = (event: LabEvent): void => {
    for (const listener of eventListeners) listener(event);
  };
  const active = new Map<string, AbortController>();

  /** Starts a run in the background, one at a time: two runs would share the cores. */
  const start = (
    body: (control: RunControl) => Promise<RunResult | SweepResult>,
    done: (runId: string, result: never) => LabEvent,
  ): { runId: string } => {
    if (active.size > 0) {
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
    getHostInfo: () => getHostInfo(options.versions),
    getCapabilities: async (): Promise<Capabilities> => ({
      runtimes: options.runtimes,
      models: MODEL_IDS.map((id) => ({ id, unavailableReason: context.unavailableReason(id) })),
      workloads: WORKLOADS.map(({ id, label, kind, description, params, defaultTasks, needs }) => ({
        id,
        label,
        kind,
        description,
        params,
        defaultTasks,
        needs,
      })),
      maxWorkers,
    }),
    getSamplerStats: async () => sampler.stats(),
    run: (config, control) => runComparison(context, config, control),
    sweep: (config, control) => runSweep(context, config, control),
    startRun: async (config) =>
      start(
        (control) => runComparison(context, config, control),
        (runId, result: RunResult) => ({ type: 'run-done', runId, result }),
      ),
    startSweep: async (config) =>
      start(
        (control) => runSweep(context, config, control),
        (runId, result: SweepResult) => ({ type: 'sweep-done', runId, result }),
      ),
    cancel: async (runId) => {
      const controller = active.get(runId);
      if (!controller) throw new LabError('not-found', `no active run with id ${runId}`);
      controller.abort();
    },
    onCoreSample: (listener: (sample: CoreSample) => void) => sampler.subscribe(listener),
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close: async () => {
      for (const controller of active.values()) controller.abort();
      eventListeners.clear();
      await sampler.stop().catch((error: unknown) => {
        // Closing must not fail because the sampler already died; say so and go on.
        console.warn(`sampler did not stop cleanly: ${errorMessage(error)}`);
      });
    },
  };
}
