/**
 * The pipelines the page runs itself: renderer-main (async functions on the UI thread) and
 * web-workers (Web Workers; shared memory when the page is cross-origin isolated, message
 * passing through the page otherwise).
 */
import { createBrokerBackend } from '../../shared/pipeline/broker-backend';
import { createInProcessBackend } from '../../shared/pipeline/in-process-backend';
import type { PipelineBackend } from '../../shared/pipeline/pipeline-backend';
import { parsePipelineConfig, type PipelineConfig } from '../../shared/pipeline/pipeline-config';
import type { PipelineSample } from '../../shared/pipeline/pipeline-result';
import { startPipelineRun, type PipelineRunHandle } from '../../shared/pipeline/pipeline-run';
import { createSharedMemoryBackend } from '../../shared/pipeline/shared-memory-backend';
import { spawnPipelineWebWorker } from './web-worker-peers';

/** Whether the page runs `model`'s pipeline itself (not the engine). */
export function isPagePipelineModel(model: string): model is 'renderer-main' | 'web-workers' {
  return model === 'renderer-main' || model === 'web-workers';
}

/** The backend for a page model; `isIsolated` says whether SharedArrayBuffer may be shared. */
export function pagePipelineBackend(
  config: PipelineConfig,
  isIsolated: boolean = globalThis.crossOriginIsolated === true,
): PipelineBackend {
  if (config.model === 'renderer-main') {
    return createInProcessBackend(
      config,
      "an async queue on the page's UI thread: producers, consumers and painting take turns",
    );
  }
  if (isIsolated) {
    return createSharedMemoryBackend(
      config,
      spawnPipelineWebWorker,
      'a SharedArrayBuffer ring buffer with an Atomics lock: this page is cross-origin isolated, so Web Workers may share memory',
    );
  }
  return createBrokerBackend(
    config,
    spawnPipelineWebWorker,
    'message passing through the page (postMessage): this page is not cross-origin isolated, so Web Workers cannot share memory',
  );
}

/** Starts a page pipeline; the handle stops it and holds its result. */
export function startPagePipeline(
  rawConfig: PipelineConfig,
  onSample: (sample: PipelineSample) => void,
): PipelineRunHandle {
  const config = parsePipelineConfig(rawConfig);
  return startPipelineRun({
    runId: crypto.randomUUID(),
    config,
    backend: pagePipelineBackend(config),
    onSample,
    threadStatesReason: "a page cannot read its threads' scheduler states",
  });
}
