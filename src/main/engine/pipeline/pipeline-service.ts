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
import { MODELS, type ModelId } from '../../../shared/models';
import type { ThreadWatch } from '../core-sampler';
import { spawnWorkerThread } from '../node-spawn';
import { threadStatesUnreadableReason } from '../thread-state-support';
import { detectPython, type PythonInfo } from '../python-detect';
import { isPythonModel } from '../python-protocol';
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
  /** Why `model` cannot run a pipeline in this host, or null when it can. */
  pipelineReason(model: PipelineModelId): string | null;
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
  const spawnEventLoopHost =
    options.eventLoopHost ??
    (eventLoopScript
      ? (): PipelineHost => spawnWorkerThread(eventLoopScript, { isMessage: isFromPipelineHost })
      : undefined);
  /** The spawner of a model's producers and consumers, by how the model spawns its workers. */
  const peerSpawnerFor = (model: PipelineModelId): PipelinePeerSpawner | undefined => {
    const extra = options.extraSpawners?.[model];
    if (extra) return extra;
    const kind = MODELS[model].spawn?.kind;
    if (kind === 'thread' && threadScript) return threadPeerSpawner(threadScript);
    if (kind === 'process' && processScript) return processPeerSpawner(processScript);
    return undefined;
  };
  /** Whether this host has what the model's pipeline runs on. */
  const canHost = (model: PipelineModelId): boolean => {
    const info = MODELS[model];
    if (info.runtime === 'python') return options.pythonScript !== undefined;
    if (info.spawn?.kind === 'shared-thread') return spawnEventLoopHost !== undefined;
    return peerSpawnerFor(model) !== undefined;
  };
  const pipelineReason = (model: PipelineModelId): string | null =>
    options.unavailableReason(model) ??
    (MODELS[model].pipeline === null
      ? 'has no producer-consumer pipeline'
      : canHost(model)
        ? null
        : 'cannot run a pipeline in this host');

  const backendFor = (config: PipelineConfig): PipelineBackend => {
    const reason = pipelineReason(config.model);
    if (reason !== null) throw new LabError('unavailable', `${config.model} ${reason}`);
    const info = MODELS[config.model];
    if (isPythonModel(config.model)) {
      return createPythonPipelineBackend(config, {
        model: config.model,
        script: options.pythonScript!,
        detect: options.detectPython ?? (() => detectPython()),
        owner,
      });
    }
    if (info.spawn?.kind === 'shared-thread') {
      const spawnHost = spawnEventLoopHost!;
      return createHostedBackend(
        config,
        () => owner.adopt(spawnHost()),
        'an async queue on one thread of its own: put and get are awaited, and no lock is needed',
      );
    }
    const unowned = peerSpawnerFor(config.model)!;
    const spawn: PipelinePeerSpawner = (role, index) => owner.adopt(unowned(role, index));
    if (info.pipeline?.transport === 'shared-memory') {
      return createSharedMemoryBackend(
        config,
        spawn,
        'a ring buffer in a SharedArrayBuffer that every thread maps, guarded by an Atomics mutex with wait/notify',
      );
    }
    const carrier =
      info.runtime === 'electron-main' ? "Electron's utility-process ports" : 'IPC channels';
    return createBrokerBackend(
      config,
      spawn,
      `message passing over ${carrier}: the engine holds the queue and hands producers credits for free room`,
    );
  };

  return {
    pipelineReason,
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
