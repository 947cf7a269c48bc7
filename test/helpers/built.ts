/** Paths of the worker bundles that test/global-setup.ts builds. */
import { resolve } from 'node:path';
import type { WorkerScripts } from '../../src/main/engine/lab-engine';

export const builtScripts: WorkerScripts = {
  workerThread: resolve('out/workers/worker-thread.js'),
  eventLoopHost: resolve('out/workers/event-loop-host.js'),
  childProcess: resolve('out/workers/child-process.js'),
  samplerThread: resolve('out/workers/sampler-thread.js'),
  pipelineThread: resolve('out/workers/pipeline-thread.js'),
  pipelineProcess: resolve('out/workers/pipeline-process.js'),
  pipelineEventLoop: resolve('out/workers/pipeline-event-loop.js'),
  snapshotThread: resolve('out/workers/snapshot-thread.js'),
};

export const cliPath = resolve('out/headless/cli.js');
