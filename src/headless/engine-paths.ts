/**
 * Where the built worker scripts live relative to the built CLI (out/headless → out/workers,
 * out/python).
 */
import { fileURLToPath } from 'node:url';
import type { WorkerScripts } from '../main/engine/lab-engine';

/** The worker scripts next to this bundle, as esbuild lays them out. */
export function builtWorkerScripts(): WorkerScripts {
  const at = (name: string): string =>
    fileURLToPath(new URL(`../workers/${name}.js`, import.meta.url));
  return {
    workerThread: at('worker-thread'),
    eventLoopHost: at('event-loop-host'),
    childProcess: at('child-process'),
    samplerThread: at('sampler-thread'),
    pipelineThread: at('pipeline-thread'),
    pipelineProcess: at('pipeline-process'),
    pipelineEventLoop: at('pipeline-event-loop'),
    snapshotThread: at('snapshot-thread'),
    messageEcho: at('message-echo'),
    python: fileURLToPath(new URL('../python', import.meta.url)),
  };
}
