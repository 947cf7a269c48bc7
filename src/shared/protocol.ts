/**
 * The one protocol between a runner and its workers, whatever carries it (worker_threads,
 * child-process IPC, Electron utility processes, Web Workers). Plain objects only, so
 * every transport can structured-clone or JSON-encode them.
 */
import { LAB_ERROR_CODES, type SerializedError } from './errors';
import type { WorkloadParams } from './workloads/types';

/** Where a worker finds the run's I/O resources; absent ones make those workloads fail. */
export interface IoConfig {
  /** Base URL of the run's loopback HTTP server, e.g. http://127.0.0.1:40123 */
  httpBaseUrl?: string;
  /** A temp folder of this run, for io.file. */
  tempDir?: string;
}

export type HostMessage =
  | {
      type: 'init';
      runId: string;
      worker: number;
      workload: string;
      params: WorkloadParams;
      taskCount: number;
      io: IoConfig;
    }
  /**
   * Sent once the worker is ready: run one tiny task (a sliver of the kernel, for CPU
   * workloads) and answer `warm`, so that no first-run cost lands inside the timed work.
   */
  | { type: 'warmup'; runId: string }
  | { type: 'task'; runId: string; taskIndex: number }
  /**
   * The size of the tasks sent after it (a live run's task-size change): task i is then task
   * i mod taskCount of the workload at these params.
   */
  | { type: 'size'; runId: string; params: WorkloadParams; taskCount: number }
  /** Finish nothing new, answer with `usage`, then exit. */
  | { type: 'stop'; runId: string };

export type WorkerMessage =
  /**
   * Sent once the worker can accept tasks (Piscina's ready handshake). `tid` is the OS thread
   * that runs its tasks, where the host can tell (Linux), for the thread-state sampler.
   */
  | { type: 'ready'; runId: string; worker: number; pid: number; tid?: number | null }
  /** The answer to `warmup`: the worker has run its tiny task and waits for work. */
  | { type: 'warm'; runId: string }
  /** Times are epoch ms (performance.timeOrigin + now): comparable across processes. */
  | {
      type: 'result';
      runId: string;
      taskIndex: number;
      checksum: number;
      startEpochMs: number;
      endEpochMs: number;
    }
  | {
      type: 'error';
      runId: string;
      taskIndex: number | null;
      error: SerializedError;
      startEpochMs: number;
      endEpochMs: number;
    }
  /** The worker's own resource usage, sent in answer to `stop` (processes only). */
  | {
      type: 'usage';
      runId: string;
      pid: number;
      cpuUserMs: number;
      cpuSystemMs: number;
      peakRssBytes: number;
    }
  /**
   * A log line. `dropped` counts the lines the worker held back since its previous one,
   * over its log budget; a message that only reports those is empty.
   */
  | { type: 'log'; runId: string; message: string; dropped?: number };

/** The least a transport must offer a worker: send one message, receive them all. */
export interface WorkerPort {
  post(message: WorkerMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

/** Process-level facts only some hosts can give (a thread shares its parent's). */
export interface WorkerHostFacts {
  pid: number;
  /** The OS thread that runs the tasks (Linux); absent where unknown. */
  tid?: number | null;
  /** Present where the worker is its own process. */
  usage?: () => { cpuUserMs: number; cpuSystemMs: number; peakRssBytes: number };
  /** Ends the worker after `stop` has been answered. */
  exit: () => void;
}

/** Reads the wall clock with sub-millisecond precision, comparable across processes. */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A plain object whose fields can be read: the first check of every guard below. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A count or index: a non-negative safe integer. */
export const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;
const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value);
const isAmount = (value: unknown): boolean => isFiniteNumber(value) && value >= 0;
const isOptional = (value: unknown, check: (v: unknown) => boolean): boolean =>
  value === undefined || check(value);

function isSerializedError(value: unknown): value is SerializedError {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.message === 'string' &&
    isOptional(value.stack, (stack) => typeof stack === 'string') &&
    isOptional(value.code, (code) => (LAB_ERROR_CODES as readonly unknown[]).includes(code))
  );
}

const isParams = (value: unknown): value is WorkloadParams =>
  isRecord(value) && Object.values(value).every(isFiniteNumber);

type Fields = Record<string, unknown>;

/** A process's pid, CPU times and peak memory, as a worker or a shared host reports them. */
export function isProcessUsage(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCount(value.pid) &&
    isAmount(value.cpuUserMs) &&
    isAmount(value.cpuSystemMs) &&
    isAmount(value.peakRssBytes)
  );
}

/**
 * The fields each message type needs besides `type` and `runId`. Keyed by every type of the
 * union, so a new message cannot go unchecked; checked per message, so plain comparisons
 * rather than a schema library (the worker hosts load none, and tiny tasks send thousands).
 */
const WORKER_MESSAGE_FIELDS: { [T in WorkerMessage['type']]: (m: Fields) => boolean } = {
  ready: (m) =>
    isCount(m.worker) && isCount(m.pid) && isOptional(m.tid, (tid) => tid === null || isCount(tid)),
  warm: () => true,
  result: (m) =>
    isCount(m.taskIndex) &&
    // Any number: a kernel's wrong answer (NaN included) fails verification where it shows.
    typeof m.checksum === 'number' &&
    isFiniteNumber(m.startEpochMs) &&
    isFiniteNumber(m.endEpochMs),
  error: (m) =>
    (m.taskIndex === null || isCount(m.taskIndex)) &&
    isSerializedError(m.error) &&
    isFiniteNumber(m.startEpochMs) &&
    isFiniteNumber(m.endEpochMs),
  usage: isProcessUsage,
  log: (m) => typeof m.message === 'string' && isOptional(m.dropped, isCount),
};

const HOST_MESSAGE_FIELDS: { [T in HostMessage['type']]: (m: Fields) => boolean } = {
  init: (m) =>
    isCount(m.worker) &&
    typeof m.workload === 'string' &&
    isParams(m.params) &&
    isCount(m.taskCount) &&
    isRecord(m.io) &&
    isOptional(m.io.httpBaseUrl, (url) => typeof url === 'string') &&
    isOptional(m.io.tempDir, (dir) => typeof dir === 'string'),
  warmup: () => true,
  task: (m) => isCount(m.taskIndex),
  size: (m) => isParams(m.params) && isCount(m.taskCount),
  stop: () => true,
};

/** True when `value` has a `runId` and a known `type` whose fields pass that type's check. */
function isMessage(value: unknown, fields: Record<string, (m: Fields) => boolean>): boolean {
  if (!isRecord(value) || typeof value.runId !== 'string' || typeof value.type !== 'string') {
    return false;
  }
  return Object.hasOwn(fields, value.type) && fields[value.type]!(value);
}

/** Type guard for messages arriving from a worker over an untyped channel. */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return isMessage(value, WORKER_MESSAGE_FIELDS);
}

/** Type guard for messages arriving at a worker over an untyped channel. */
export function isHostMessage(value: unknown): value is HostMessage {
  return isMessage(value, HOST_MESSAGE_FIELDS);
}
