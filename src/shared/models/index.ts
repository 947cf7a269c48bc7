/**
 * The registry of every concurrency model Corelab knows (STYLE.md §1). Each model declares
 * itself in its own module; a new model is one module and one line in MODEL_LIST.
 */
import { childProcess } from './child-process';
import { eventLoop } from './event-loop';
import type { ModelInfo, Runtime } from './model-info';
import { pythonAsyncio } from './python-asyncio';
import { pythonMultiprocessing } from './python-multiprocessing';
import { pythonThreading } from './python-threading';
import { rendererMain } from './renderer-main';
import { utilityProcess } from './utility-process';
import { webWorkers } from './web-workers';
import { workerThreads } from './worker-threads';

export type {
  ModelInfo,
  NodeSpawn,
  PipelineSupport,
  PipelineTransport,
  Runtime,
} from './model-info';
export { PIPELINE_TRANSPORTS } from './model-info';

/** In the order the UI lists them. */
const MODEL_LIST = [
  eventLoop,
  workerThreads,
  childProcess,
  utilityProcess,
  rendererMain,
  webWorkers,
  pythonMultiprocessing,
  pythonThreading,
  pythonAsyncio,
] as const;

export type ModelId = (typeof MODEL_LIST)[number]['id'];

// The tuple type zod's enums and the exhaustive switches ask for; MODEL_LIST is never empty.
export const MODEL_IDS = MODEL_LIST.map((model) => model.id) as unknown as readonly [
  ModelId,
  ...ModelId[],
];

export const MODELS = Object.fromEntries(MODEL_LIST.map((model) => [model.id, model])) as Record<
  ModelId,
  ModelInfo<ModelId>
>;

/**
 * What a model's worker count counts, agreeing with the count: "1 worker", "2 tasks in
 * flight" (one thread interleaving tasks), "4 threads" (Python's, real but not parallel).
 */
export function workerNoun(model: ModelId, count: number): string {
  const one = count === 1;
  if (model === 'python-threading') return one ? 'thread' : 'threads';
  if (MODELS[model].isParallel) return one ? 'worker' : 'workers';
  return one ? 'task in flight' : 'tasks in flight';
}

/** "1 worker", "2 tasks in flight": a count and its noun. */
export function describeWorkers(model: ModelId, count: number): string {
  return `${count} ${workerNoun(model, count)}`;
}

/** Says why a model cannot run in a host offering the given runtimes, or null if it can. */
export function unavailableReason(model: ModelId, runtimes: readonly Runtime[]): string | null {
  const info = MODELS[model];
  if (runtimes.includes(info.runtime)) return null;
  switch (info.runtime) {
    case 'electron-main':
      return 'needs the Corelab desktop app (Electron); not available in this host';
    case 'renderer':
      return 'runs inside the Corelab window; not available from the command line';
    case 'node':
      return 'needs the Node engine';
    case 'python':
      return 'needs Python 3.8+ (python3 on PATH or CORELAB_PYTHON)';
  }
}
