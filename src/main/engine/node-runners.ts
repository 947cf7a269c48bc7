/**
 * Runners for the Node models, built from what each declares in the registry (src/shared/models):
 * a worker thread or a forked process per worker, or one thread hosting them all (the event loop).
 */
import { MODEL_IDS, MODELS, type ModelId, type NodeSpawn } from '../../shared/models';
import { isWorkerMessage } from '../../shared/protocol';
import type { PoolWorker } from '../../shared/pool/run-pool';
import { threadEventLoopRunner } from './event-loop-runner';
import { forkNodeProcess, spawnWorkerThread } from './node-spawn';
import type { ModelRunner, Runner, WorkerSpawnOptions } from './runner';

/** One worker_threads Worker per pool worker. */
export function threadRunner(model: ModelId, script: string): Runner {
  return {
    model,
    isInProcess: true,
    spawn: (_index, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker =>
      spawnWorkerThread(script, { isMessage: isWorkerMessage, memoryLimitMb }, { memoryLimitMb }),
  };
}

/** One forked Node process per pool worker, talking over the IPC channel. */
export function processRunner(model: ModelId, script: string): Runner {
  return {
    model,
    isInProcess: false,
    spawn: (_index, { memoryLimitMb }: WorkerSpawnOptions = {}): PoolWorker =>
      forkNodeProcess(script, { isMessage: isWorkerMessage, memoryLimitMb }),
  };
}

function runnerFor(model: ModelId, kind: NodeSpawn['kind'], script: string): ModelRunner {
  switch (kind) {
    case 'thread':
      return threadRunner(model, script);
    case 'process':
      return processRunner(model, script);
    case 'shared-thread':
      return threadEventLoopRunner(script, model);
  }
}

/** A runner for each model the engine spawns itself, where its host is part of the build. */
export function nodeRunners(hosts: Readonly<Record<string, string>>): ModelRunner[] {
  return MODEL_IDS.flatMap((model) => {
    const spawn = MODELS[model].spawn;
    const script = spawn && hosts[spawn.host];
    return spawn && script ? [runnerFor(model, spawn.kind, script)] : [];
  });
}
