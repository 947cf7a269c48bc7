/** Every concurrency model Corelab knows, and where each one can run. */
export const MODEL_IDS = [
  'event-loop',
  'worker-threads',
  'child-process',
  'utility-process',
  'renderer-main',
  'web-workers',
  'python-multiprocessing',
  'python-threading',
  'python-asyncio',
] as const;

export type ModelId = (typeof MODEL_IDS)[number];

/** The runtimes a host may offer; a model runs only where its runtime is present. */
export type Runtime = 'node' | 'electron-main' | 'renderer' | 'python';

export interface ModelInfo {
  id: ModelId;
  label: string;
  /** The model as a noun in a sentence: "the event loop", "worker threads". */
  noun: string;
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
}

/** The one table of models (STYLE.md §1): the engine reports "unavailable here" from it. */
export const MODELS: Record<ModelId, ModelInfo> = {
  'event-loop': {
    id: 'event-loop',
    label: 'Event loop (async/await)',
    noun: 'the event loop',
    summary: 'One thread; tasks take turns at await',
    runtime: 'node',
    isParallel: false,
    card: 'One thread interleaves tasks at each await. Look for: on I/O work many tasks wait at once; on CPU work about one core busy, one task at a time.',
  },
  'worker-threads': {
    id: 'worker-threads',
    label: 'Worker threads',
    noun: 'worker threads',
    summary: 'Parallel threads in one Node process',
    runtime: 'node',
    isParallel: true,
    card: 'Threads inside one process, each with its own JS engine instance; they can share memory. Look for: on CPU work, as many cores busy as workers, up to the cores there are.',
  },
  'child-process': {
    id: 'child-process',
    label: 'Child processes',
    noun: 'child processes',
    summary: 'Parallel Node processes',
    runtime: 'node',
    isParallel: true,
    card: 'Separate Node processes talking over IPC, isolated from each other (a crash stays contained). Look for: cores busy like threads, with a higher start-up and memory.',
  },
  'utility-process': {
    id: 'utility-process',
    label: 'Electron utility processes',
    noun: 'Electron utility processes',
    summary: "Electron's own parallel processes",
    runtime: 'electron-main',
    isParallel: true,
    card: "Electron's own child process type, managed by the app, with Chromium's process model and sandboxing. Look for: figures close to child processes.",
  },
  'renderer-main': {
    id: 'renderer-main',
    label: 'Renderer main thread',
    noun: "the renderer's main thread",
    summary: "This page's own UI thread, one core",
    runtime: 'renderer',
    isParallel: false,
    card: 'Runs the work on the UI thread itself. Look for the frame delay: while it computes, the page cannot paint or respond.',
  },
  'web-workers': {
    id: 'web-workers',
    label: 'Web Workers',
    noun: 'Web Workers',
    summary: 'Parallel threads started by this page',
    runtime: 'renderer',
    isParallel: true,
    card: 'Threads spawned by the page, off the UI thread. Look for: cores busy in parallel while the frame delay stays low.',
  },
  'python-multiprocessing': {
    id: 'python-multiprocessing',
    label: 'Python multiprocessing',
    noun: 'Python multiprocessing',
    summary: 'Python processes, one GIL each',
    runtime: 'python',
    isParallel: true,
    card: 'A pool of Python processes, each with its own interpreter and its own GIL. Look for: CPU work spread over the cores, each process costing start-up and memory.',
  },
  'python-threading': {
    id: 'python-threading',
    label: 'Python threading',
    noun: 'Python threading',
    summary: 'Python threads sharing one GIL',
    runtime: 'python',
    // Under the GIL only one thread runs Python code at a time (free-threaded builds aside).
    isParallel: false,
    card: 'Python threads pulling tasks from a queue; a thread waiting on I/O lets go of the GIL. Look for: waits overlapping on I/O work, and about one core busy on CPU work, however many threads.',
  },
  'python-asyncio': {
    id: 'python-asyncio',
    label: 'Python asyncio',
    noun: 'Python asyncio',
    summary: 'Coroutines on one Python thread',
    runtime: 'python',
    isParallel: false,
    card: "Coroutines on one event loop in one thread, like Node's event loop. Look for: many waits overlapping at each await, and one task at a time on CPU work.",
  },
};

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
