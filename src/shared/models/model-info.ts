/** What a concurrency model declares about itself: one module per model (./*.ts), listed in ./index.ts. */

/** The runtimes a host may offer; a model runs only where its runtime is present. */
export type Runtime = 'node' | 'electron-main' | 'renderer' | 'python';

export const PIPELINE_TRANSPORTS = ['async-queue', 'shared-memory', 'message-passing'] as const;
/** How a pipeline's producers hand events to its consumers. */
export type PipelineTransport = (typeof PIPELINE_TRANSPORTS)[number];

/**
 * How the engine starts a Node model's workers, each running `host` (a file of
 * src/workers/hosts, by name): a worker thread or a forked process per worker, or one thread
 * hosting every worker's task loop (the event loop's turns).
 */
export interface NodeSpawn {
  kind: 'thread' | 'process' | 'shared-thread';
  host: string;
}

/** The queue a model's pipeline uses. */
export interface PipelineSupport {
  transport: PipelineTransport;
  /** The queue where the page is not cross-origin isolated (no SharedArrayBuffer there). */
  transportWithoutIsolation?: PipelineTransport;
  /** The queue in the model's own words, where it is not the JavaScript one (Python's). */
  queue?: string;
}

export interface ModelInfo<Id extends string = string> {
  id: Id;
  label: string;
  /** The model as a noun in a sentence: "the event loop", "worker threads". */
  noun: string;
  /** The name on chart axes and readouts, where the label does not fit. */
  shortLabel: string;
  /** Its colour (#rrggbb), the same in every chart, table and card; readable on both themes. */
  colour: string;
  /** Where the model's workers live; decides which host can run it. */
  runtime: Runtime;
  /** Runs its tasks in parallel on several cores (false: one thread only). */
  isParallel: boolean;
  /** A few words on what the model is, shown beside its name before any run. */
  summary: string;
  /**
   * The plain-words card shown next to the model's numbers: what the model is and what to
   * look for in a run, never a claim that a run could contradict.
   */
  card: string;
  /** How the engine spawns it; absent where another host does (the page, Electron, Python). */
  spawn?: NodeSpawn;
  /** Its producer-consumer pipeline; null when it has none. */
  pipeline: PipelineSupport | null;
}

/** Keeps a model module's id a literal type, so the registry can derive ModelId from it. */
export function defineModel<const Id extends string>(info: ModelInfo<Id>): ModelInfo<Id> {
  return info;
}
