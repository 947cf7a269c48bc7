/**
 * The JSON-lines protocol between the engine and the Python side (src/python). In a run,
 * Python runs a whole model's run itself, so this is not the per-task HostMessage/WorkerMessage
 * protocol: one `init` in, per-task lines out, `done` last. A live run is the exception: there
 * the shared pull loop drives each Python worker through a host (PythonLiveInit). Every line
 * is checked on arrival.
 */
import { z } from 'zod';
import { labSerializedErrorSchema } from '../../shared/lab-wire';
import { isWorkerMessage, type IoConfig, type WorkerMessage } from '../../shared/protocol';
import type { WorkloadParams } from '../../shared/workloads/types';

/** The Python models, in the order of MODEL_IDS. */
export const PYTHON_MODEL_IDS = [
  'python-multiprocessing',
  'python-threading',
  'python-asyncio',
] as const;
export type PythonModelId = (typeof PYTHON_MODEL_IDS)[number];

export function isPythonModel(model: string): model is PythonModelId {
  return (PYTHON_MODEL_IDS as readonly string[]).includes(model);
}

/**
 * The workloads src/python has exact ports of (corelab/workloads.py). The fault workloads have none: they
 * demonstrate the JavaScript pool's handling of throws, exits, hangs and heap limits.
 */
export const PYTHON_WORKLOADS: readonly string[] = [
  'cpu.primes',
  'cpu.hash',
  'cpu.mandelbrot',
  'io.sleep',
  'io.file',
  'io.http',
  'mixed',
];

/** The first (and, but for `stop`, only) line the engine writes. */
export interface PythonInit {
  type: 'init';
  runId: string;
  model: PythonModelId;
  workers: number;
  workload: string;
  params: WorkloadParams;
  taskCount: number;
  io: IoConfig;
  /** A task running longer fails; Python ends its process (a pool process, or itself). */
  taskTimeoutMs: number;
  /** Memory each Python process may allocate beyond what it held at start (RLIMIT_DATA). */
  memoryLimitMb?: number;
}

const epochMs = z.number().finite();
const usageSchema = z.object({
  cpuUserMs: z.number().nonnegative(),
  cpuSystemMs: z.number().nonnegative(),
  peakRssBytes: z.number().nonnegative(),
});

/** Every line the Python worker may write. */
export const pythonLineSchema = z.discriminatedUnion('type', [
  /** Every worker is up; `epochMs` is Python's clock then, to align it with ours. */
  z.object({
    type: z.literal('ready'),
    pid: z.number().int().positive(),
    epochMs,
    workerPids: z.array(z.number().int().positive()),
    startMethod: z.string().optional(),
    /** The OS thread that runs each worker's tasks, by worker (asyncio: all the same one). */
    workerThreads: z
      .array(z.object({ pid: z.number().int().positive(), tid: z.number().int().positive() }))
      .optional(),
  }),
  z.object({
    type: z.literal('result'),
    taskIndex: z.number().int().nonnegative(),
    checksum: z.number().int().min(0).max(0xffffffff),
    worker: z.number().int().nonnegative(),
    startEpochMs: epochMs,
    endEpochMs: epochMs,
  }),
  /** A task failed, or (taskIndex null) a pool process died while holding no task. */
  z.object({
    type: z.literal('error'),
    taskIndex: z.number().int().nonnegative().nullable(),
    worker: z.number().int().nonnegative(),
    error: labSerializedErrorSchema,
    startEpochMs: epochMs,
    endEpochMs: epochMs,
  }),
  /** The run cannot go on (a workload without a Python port, every process dead). */
  z.object({ type: z.literal('fatal'), error: labSerializedErrorSchema }),
  /**
   * The last line: this process's usage, each pool process's own report, and, when pool
   * processes were stopped before they could report, their reaped total (RUSAGE_CHILDREN).
   */
  z.object({
    type: z.literal('done'),
    usage: usageSchema.extend({ pid: z.number().int().positive() }),
    workers: z.array(
      usageSchema.extend({
        pid: z.number().int().positive(),
        worker: z.number().int().nonnegative(),
      }),
    ),
    children: usageSchema.optional(),
  }),
]);
export type PythonLine = z.infer<typeof pythonLineSchema>;
export type PythonDone = Extract<PythonLine, { type: 'done' }>;

/**
 * A live run's host (issue 16): the first line the engine writes. After it, the lines of
 * src/shared/pool/shared-thread.ts go both ways, one worker (slot) each, as JSON.
 */
export interface PythonLiveInit {
  type: 'init';
  mode: 'live';
  model: PythonModelId;
}

const slot = z.number().int().nonnegative();

/** Every line a live host may write: a worker's message, a worker's exit, or its own end. */
export const pythonLiveLineSchema = z.union([
  // A worker's message is checked by the guard every JavaScript worker's passes too.
  z.object({ slot, message: z.custom<WorkerMessage>(isWorkerMessage) }),
  z.object({
    slot,
    exit: z.object({ code: z.number().int().nullable(), signal: z.string().nullable() }),
  }),
  z.object({ type: z.literal('fatal'), error: labSerializedErrorSchema }),
]);
export type PythonLiveLine = z.infer<typeof pythonLiveLineSchema>;
