/**
 * The engine's pipelines: builds the backend each model offers, runs it through the shared
 * pipeline-run, streams its samples as lab events and announces its end. One pipeline at a
 * time, and never beside a comparison: they would share the cores they are measuring.
 */
import { randomUUID } from 'node:crypto';
import {
  LabError,
  serializeError,
  runInProgressError,
  noActiveRunError,
} from '../../../shared/errors';
import type { LabEvent } from '../../../shared/lab-api';
import { createBrokerBackend } from '../../../shared/pipeline/broker-backend';
import {
  createHostedBackend,
  isFromPipelineHost,
  type PipelineHost,
} from '../../../shared/pipeline/hosted-backend';
import type { PipelineBackend } from '../../../shared/pipeline/pipeline-backend';
import {
  parsePipelineConfig,
  type PipelineConfig,
  type PipelineModelId,
} from '../../../shared/pipeline/pipeline-config';
import type { PipelinePeerSpawner } from '../../../shared/pipeline/pipeline-protocol';
import { startPipelineRun, type PipelineRunHandle } from '../../../shared/pipeline/pipeline-run';
import { createSharedMemoryBackend } from '../../../shared/pipeline/shared-memory-backend';
import type { ModelId } from '../../../shared/models';
import type { ThreadWatch } from '../core-sampler';
import { spawnWorkerThread } from '../node-spawn';
import { threadStatesUnreadableReason } from '../thread-state-support';
import { detectPython, type PythonInfo } from '../python-detect';
import { PYTHON_MODEL_IDS, type PythonModelId } from '../python-protocol';
import type { SpawnOwner } from '../spawn-owner';
import { processPeerSpawner, threadPeerSpawner } from './node-pipeline-peers';
import { createPythonPipelineBackend } from './python-pipeline-backend';

export interface PipelineServiceOptions {
  /**
   * Built pipeline-thread.js, pipeline-process.js and pipeline-event-loop.js; a model without
   * its script is unavailable.
   */
  scripts: { thread?: string; process?: string; eventLoop?: string };
  /** Starts the event-loop model's host elsewhere (a utility process in the app). */
  eventLoopHost?: () => PipelineHost;
  /** Holds every thread and process a pipeline starts, so closing the engine ends them. */
  owner: SpawnOwner;
  /** The src/python folder, which runs the Python models' pipelines; without it they are unavailable. */
  pythonScript?: string;
  /** The interpreter to run it on (by default CORELAB_PYTHON or python3, detected once). */
  detectPython?: () => Promise<PythonInfo>;
  /** Spawners that live outside the engine (utility processes, in src/main). */
  extraSpawners?: Partial<Record<PipelineModelId, PipelinePeerSpawner>>;
  /** Why a model cannot run in this host at all, or null (the engine's own answer). */
  unavailableReason(model: ModelId): string | null;
  /** True while a comparison or sweep runs. */
  isRunBusy(): boolean;
  /**
   * Opens a watch of the participants' OS threads, and says when the sampler has started;
   * absent, their states go unmeasured.
   */
  watchThreads?: (model: ModelId) => ThreadWatch & { started?: Promise<void> };
  /** Called as a pipeline starts: advisory work on the cores (an estimate) gives way. */
  claimCores(): void;
  emit(event: LabEvent): void;
}

export interface PipelineService {
  start(rawConfig: unknown): { runId: string };
  stop(runId: string, options?: { force?: boolean }): void;
  isActive(): boolean;
  /** Forces every pipeline to stop and waits until they have ended. */
  close(): Promise<void>;
}

/** Creates the engine's pipeline service. */
export function createPipelineService(options: PipelineServiceOptions): PipelineService {
  const active = new Map<string, PipelineRunHandle>();
  const threadScript = options.scripts.thread;
  const processScript = options.scripts.process;
  const eventLoopScript = options.scripts.eventLoop;
  const { owner } = options;
  const spawners: Partial<Record<PipelineModelId, PipelinePeerSpawner>> = {
    ...(threadScript ? { 'worker-threads': threadPeerSpawner(threadScript) } : {}),
    ...(processScript ? { 'child-process': processPeerSpawner(processScript) } : {}),
    ...options.extraSpawners,
  };
  const spawnEventLoopHost =
    options.eventLoopHost ??
    (eventLoopScript
      ? (): PipelineHost => spawnWorkerThread(eventLoopScript, { isMessage: isFromPipelineHost })
      : undefined);

  const backendFor = (config: PipelineConfig): PipelineBackend => {
    const reason = options.unavailableReason(config.model);
    if (reason !== null) throw new LabError('unavailable', `${config.model} ${reason}`);
    if ((PYTHON_MODEL_IDS as readonly string[]).includes(config.model)) {
      if (!options.pythonScript) {
        throw new LabError('unavailable', `${config.model} cannot run a pipeline in this host`);
      }
      return createPythonPipelineBackend(config, {
        model: config.model as PythonModelId,
        script: options.pythonScript,
        detect: options.detectPython ?? (() => detectPython()),
        owner,
      });
    }
    if (config.model === 'event-loop' && spawnEventLoopHost) {
      return createHostedBackend(
        config,
        () => owner.adopt(spawnEventLoopHost()),
        'an async queue on one thread of its own: put and get are awaited, and no lock is needed',
      );
    }
    const unowned = spawners[config.model];
    if (!unowned || config.model === 'event-loop') {
      throw new LabError('unavailable', `${config.model} cannot run a pipeline in this host`);
    }
    const spawn: PipelinePeerSpawner = (role, index) => owner.adopt(unowned(role, index));
    if (config.model === 'worker-threads') {
      return createSharedMemoryBackend(
        config,
        spawn,
        'a ring buffer in a SharedArrayBuffer that every thread maps, guarded by an Atomics mutex with wait/notify',
      );
    }
    const carrier =
      config.model === 'utility-process' ? "Electron's utility-process ports" : 'IPC channels';
    return createBrokerBackend(
      config,
      spawn,
      `message passing over ${carrier}: the engine holds the queue and hands producers credits for free room`,
    );
  };

  return {
    start(rawConfig) {
      const config = parsePipelineConfig(rawConfig);
      if (active.size > 0 || options.isRunBusy()) {
        throw runInProgressError();
      }
      const backend = backendFor(config);
      options.claimCores();
      const runId = randomUUID();
      const unreadable = threadStatesUnreadableReason();
      const threadWatch = unreadable === null ? options.watchThreads?.(config.model) : undefined;
      const handle = startPipelineRun({
        runId,
        config,
        backend,
        ...(threadWatch ? { threadWatch } : {}),
        ...(unreadable !== null ? { threadStatesReason: unreadable } : {}),
        onSample: (sample) => options.emit({ type: 'pipeline-sample', runId, sample }),
      });
      active.set(runId, handle);
      // Forget the run before announcing its end, so a listener may start the next one.
      handle.result.then(
        (result) => {
          active.delete(runId);
          options.emit({ type: 'pipeline-done', runId, result });
        },
        (error: unknown) => {
          active.delete(runId);
          options.emit({
            type: 'run-failed',
            runId,
            error: serializeError(error),
            isCancelled: false,
          });
        },
      );
      return { runId };
    },
    stop(runId, stopOptions) {
      const handle = active.get(runId);
      if (!handle) throw noActiveRunError('pipeline', runId);
      handle.stop(stopOptions);
    },
    isActive: () => active.size > 0,
    async close() {
      const handles = [...active.values()];
      for (const handle of handles) handle.stop({ force: true });
      await Promise.allSettled(handles.map((handle) => handle.result));
    },
  };
}
