/**
 * The JSON-lines protocol between the engine and src/python/corelab_worker.py. Python runs
 * a whole model's run itself, so this is not the per-task HostMessage/WorkerMessage protocol:
 * one `init` in, per-task lines out, `done` last. Every line is checked on arrival.
 */
import { z } from 'zod';
import { labSerializedErrorSchema } from '../../shared/lab-wire';
import type { IoConfig } from '../../shared/protocol';
import type { WorkloadParams } from '../../shared/workloads/types';

/** The Python models, in the order of MODEL_IDS. */
export const PYTHON_MODEL_IDS = [
  'python-multiprocessing',
  'python-threading',
  'python-asyncio',
] as const;
export type PythonModelId = (typeof PYTHON_MODEL_IDS)[number];

/**
 * The workloads corelab_worker.py has exact ports of. The fault workloads have none: they
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
