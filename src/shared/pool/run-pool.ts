/**
 * The pull loop every worker-based model shares, whatever carries its messages: start N
 * workers, wait for each one's `ready` and its warm-up task, start the clock, hand each
 * idle worker the next task, and collect what each task took. Piscina-like, but without a queue of its own: a worker asks for
 * work by answering, so the only state is the next task index.
 */
import { cancelledError, LabError, serializeError, type SerializedError } from '../errors';
import type { ModelId } from '../models';
import { epochNowMs, type HostMessage, type IoConfig, type WorkerMessage } from '../protocol';
import { DEFAULT_TASK_TIMEOUT_MS, type FailurePolicy } from '../run-config';
import type { RunEvent } from '../run-events';
import { MAX_LOG_LINE_CHARS } from '../serve-worker';
import type { WorkloadParams } from '../workloads/types';
import { RunTally, type RunSummary } from './run-tally';

/** How a worker ended: an exit code or signal, or an error raised by its transport. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
  error?: SerializedError;
  /** Set when the worker died for going over its heap limit of this many MiB. */
  outOfMemoryLimitMb?: number;
}

/** One worker as the pool sees it; each transport (thread, process, page) provides one. */
export interface PoolWorker {
  post(message: HostMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the worker at once (terminate, SIGKILL). */
  kill(): void;
}

export type { FailurePolicy };

export interface RunPoolOptions {
  runId: string;
  model: ModelId;
  workers: number;
  workload: string;
  params: WorkloadParams;
  taskCount: number;
  io: IoConfig;
  spawn(index: number): PoolWorker;
  expectedChecksum: number | null;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  failurePolicy?: FailurePolicy;
  /** How long `stop` may take before the worker is killed. */
  stopTimeoutMs?: number;
  /** A worker that is not ready by then fails the run. */
  startTimeoutMs?: number;
  /**
   * A task still running after this long fails, and its worker is killed (an in-process
   * one abandons the task); default DEFAULT_TASK_TIMEOUT_MS.
   */
  taskTimeoutMs?: number;
}

/** A log line a worker sent, kept in the outcome. */
export interface WorkerLogLine {
  worker: number;
  message: string;
}

/** Usage a worker process reported about itself on `stop`. */
export interface ReportedUsage {
  worker: number;
  pid: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssBytes: number;
}

/** The measurements a pool run produces; the host adds process-level figures. */
export interface PoolOutcome extends RunSummary {
  usages: ReportedUsage[];
  pids: number[];
  /** The first log lines and a count of the rest; absent when no worker logged. */
  workerLogs?: { kept: WorkerLogLine[]; droppedCount: number };
}

/** Log lines a run keeps; workers also hold themselves to a budget (serve-worker.ts). */
export const MAX_KEPT_LOG_LINES = 20;
/** Tasks shorter than this are sent one ahead (a message round trip is ~0.05–0.2 ms). */
const SEND_AHEAD_BELOW_MS = 2;

/** Runs every task of a workload on `workers` pool workers and measures the run. */
export function runPool(options: RunPoolOptions): Promise<PoolOutcome> {
  return new PoolRun(options).result;
}

interface Slot {
  worker: PoolWorker;
  isReady: boolean;
  /** Ready and through its warm-up task: it may take work. */
  isWarm: boolean;
  isExited: boolean;
  /** Tasks sent to the worker and not yet answered, oldest (the running one) first. */
  inFlight: number[];
  /** How long the worker's last task took; decides whether to send one ahead. */
  lastTaskMs: number;
  busyMs: number;
  pid: number;
  /** When the oldest task in flight became the one the worker runs (epoch ms). */
  headSinceEpochMs: number;
  /** Why the pool killed this worker (its task timed out); its later messages are ignored. */
  stoppedFor: SerializedError | null;
}

class PoolRun {
  readonly result: Promise<PoolOutcome>;
  private resolve!: (outcome: PoolOutcome) => void;
  private readonly slots: Slot[] = [];
  private readonly tally: RunTally;
  private readonly usages: ReportedUsage[] = [];
  private readonly keptLogs: WorkerLogLine[] = [];
  private droppedLogCount = 0;
  private nextTask = 0;
  /** Workers that are warm, or that died before they were. */
  private warmCount = 0;
  private workStartEpochMs = 0;
  private fatal: SerializedError | null = null;
  private isStopping = false;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private killTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly taskTimeoutMs: number;
  private endEpochMs = 0;
  private readonly onAbort = (): void => this.stop(serializeError(cancelledError()), true);

  constructor(private readonly options: RunPoolOptions) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.tally = new RunTally(options);
    this.taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    if (options.signal?.aborted) {
      this.stop(serializeError(cancelledError()), true);
      return;
    }
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    options.onEvent?.({
      type: 'model-start',
      runId: options.runId,
      model: options.model,
      workers: options.workers,
    });
    this.startTimer = setTimeout(() => {
      this.stop(serializeError(new LabError('timeout', 'workers did not start in time')), true);
    }, options.startTimeoutMs ?? 30_000);
    for (let i = 0; i < options.workers; i++) this.spawn(i);
  }

  private spawn(index: number): void {
    const { options } = this;
    let worker: PoolWorker;
    try {
      worker = options.spawn(index);
    } catch (error) {
      // Piscina's rule: a worker that cannot start is not respawned; the run fails.
      this.stop(serializeError(error), true);
      return;
    }
    const slot: Slot = {
      worker,
      isReady: false,
      isWarm: false,
      isExited: false,
      inFlight: [],
      lastTaskMs: Infinity,
      busyMs: 0,
      pid: 0,
      headSinceEpochMs: 0,
      stoppedFor: null,
    };
    this.slots.push(slot);
    worker.onMessage((message) => this.onMessage(index, slot, message));
    worker.onExit((exit) => this.onExit(index, slot, exit));
    worker.post({
      type: 'init',
      runId: options.runId,
      worker: index,
      workload: options.workload,
      params: options.params,
      taskCount: options.taskCount,
      io: options.io,
    });
  }

  private onMessage(index: number, slot: Slot, message: WorkerMessage): void {
    // A worker killed for a timeout may still be delivering; its answers no longer count.
    if (message.runId !== this.options.runId || slot.stoppedFor) return;
    switch (message.type) {
      case 'ready':
        slot.isReady = true;
        slot.pid = message.pid;
        slot.worker.post({ type: 'warmup', runId: this.options.runId });
        return;
      case 'warm':
        slot.isWarm = true;
        this.countWarm();
        return;
      case 'result':
        this.record(index, slot, message.taskIndex, message.startEpochMs, message.endEpochMs, true);
        this.tally.recordResult(message.taskIndex, message.checksum);
        this.fill(slot);
        return;
      case 'error':
        this.record(
          index,
          slot,
          message.taskIndex,
          message.startEpochMs,
          message.endEpochMs,
          false,
        );
        this.tally.recordFailure({
          taskIndex: message.taskIndex,
          worker: index,
          error: message.error,
        });
        if ((this.options.failurePolicy ?? 'continue') === 'fail-fast') {
          this.stop(message.error, false);
        } else {
          this.fill(slot);
        }
        return;
      case 'usage':
        this.usages.push({
          worker: index,
          pid: message.pid,
          cpuUserMs: message.cpuUserMs,
          cpuSystemMs: message.cpuSystemMs,
          peakRssBytes: message.peakRssBytes,
        });
        return;
      case 'log':
        this.onLog(index, message);
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown worker message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * Keeps the first lines and counts the rest, at the cost of a comparison per line: a
   * worker that ignores its own budget still cannot fill the host's memory.
   */
  private onLog(index: number, message: Extract<WorkerMessage, { type: 'log' }>): void {
    const dropped = message.dropped;
    if (typeof dropped === 'number' && Number.isSafeInteger(dropped) && dropped > 0) {
      this.droppedLogCount += dropped;
    }
    if (typeof message.message !== 'string' || message.message === '') return;
    if (this.keptLogs.length < MAX_KEPT_LOG_LINES) {
      this.keptLogs.push({ worker: index, message: message.message.slice(0, MAX_LOG_LINE_CHARS) });
    } else {
      this.droppedLogCount++;
    }
  }

  private onExit(index: number, slot: Slot, exit: WorkerExit): void {
    slot.isExited = true;
    if (!this.isStopping) {
      const how =
        exit.outOfMemoryLimitMb !== undefined
          ? `ran out of memory (limit ${exit.outOfMemoryLimitMb} MiB)`
          : exit.error
            ? `failed: ${exit.error.message}`
            : exit.signal
              ? `was killed by ${exit.signal}`
              : `exited with code ${exit.code}`;
      const error =
        slot.stoppedFor ?? serializeError(new LabError('worker-crashed', `worker ${index} ${how}`));
      // The task it was computing is lost, and any sent ahead of time with it. A worker
      // killed for a timeout already has that task's failure on record.
      const lost =
        slot.inFlight.length > 0 ? slot.inFlight.splice(0) : slot.stoppedFor ? [] : [null];
      for (const taskIndex of lost) this.tally.recordFailure({ taskIndex, worker: index, error });
      if (
        (this.options.failurePolicy ?? 'continue') === 'fail-fast' ||
        this.slots.every((s) => s.isExited)
      ) {
        this.stop(error, false);
        return;
      }
      // Work the dead worker would have taken now falls to the others; if it died
      // before it was warm, the rest may start without it.
      if (!slot.isWarm) this.countWarm();
      // Its task may have been the last one out.
      this.finishIfDone();
      return;
    }
    this.maybeFinish();
  }

  /** The clock starts once every worker is warm (or gone): start-up never enters wallMs. */
  private countWarm(): void {
    this.warmCount++;
    if (this.warmCount === this.options.workers) this.beginWork();
  }

  private beginWork(): void {
    // The last worker may become ready after a start timeout or cancel ended the run.
    if (this.isStopping) return;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.workStartEpochMs = epochNowMs();
    // One watchdog for the whole run rather than a timer per task: tiny tasks would pay
    // for arming and clearing one each time. A timeout fires up to an eighth late.
    const everyMs = Math.min(Math.max(this.taskTimeoutMs / 8, 10), 1000);
    this.watchdog = setInterval(() => this.checkTaskTimeouts(), everyMs);
    for (const slot of this.slots) if (slot.isWarm && !slot.isExited) this.fill(slot);
  }

  /** Fails each task that has run longer than the timeout, and kills its worker. */
  private checkTaskTimeouts(): void {
    const nowEpochMs = epochNowMs();
    for (const [index, slot] of this.slots.entries()) {
      if (this.isStopping) return;
      const taskIndex = slot.inFlight[0];
      if (taskIndex === undefined || slot.isExited || slot.stoppedFor) continue;
      if (nowEpochMs - slot.headSinceEpochMs < this.taskTimeoutMs) continue;
      const error = serializeError(
        new LabError(
          'timeout',
          `task ${taskIndex} on worker ${index} did not finish within ${this.taskTimeoutMs} ms ` +
            '(taskTimeoutMs); the worker was stopped',
        ),
      );
      slot.stoppedFor = error;
      slot.inFlight.shift();
      this.recordEntry(index, slot, taskIndex, slot.headSinceEpochMs, nowEpochMs, false);
      this.tally.recordFailure({ taskIndex, worker: index, error });
      // A hung task does not read messages, so it cannot be asked to stop: kill it. An
      // in-process worker cannot be killed, only abandoned; its task's answer is ignored.
      slot.worker.kill();
      if ((this.options.failurePolicy ?? 'continue') === 'fail-fast') this.stop(error, false);
    }
  }

  /**
   * Gives an idle worker its next task. When tasks are tiny, one more is sent ahead so the
   * worker never waits a message round trip between two of them; longer tasks go one at a
   * time, so no task waits behind a busy worker while another sits idle.
   */
  private fill(slot: Slot): void {
    if (this.isStopping || slot.isExited || !this.workStartEpochMs) return;
    const depth = slot.lastTaskMs < SEND_AHEAD_BELOW_MS ? 2 : 1;
    while (slot.inFlight.length < depth && this.nextTask < this.options.taskCount) {
      const taskIndex = this.nextTask++;
      if (slot.inFlight.length === 0) slot.headSinceEpochMs = epochNowMs();
      slot.inFlight.push(taskIndex);
      slot.worker.post({ type: 'task', runId: this.options.runId, taskIndex });
    }
    this.finishIfDone();
  }

  /** Ends the run once no task is left to send and no live worker has one in flight. */
  private finishIfDone(): void {
    if (this.nextTask < this.options.taskCount && this.slots.some((s) => !s.isExited)) return;
    if (this.slots.every((s) => s.isExited || s.inFlight.length === 0)) this.stop(null, false);
  }

  private record(
    worker: number,
    slot: Slot,
    taskIndex: number | null,
    startEpochMs: number,
    endEpochMs: number,
    isOk: boolean,
  ): void {
    slot.lastTaskMs = endEpochMs - startEpochMs;
    if (taskIndex === null) {
      slot.busyMs += endEpochMs - startEpochMs;
      return;
    }
    const at = slot.inFlight.indexOf(taskIndex);
    if (at >= 0) slot.inFlight.splice(at, 1);
    // The next task in line (sent ahead) starts now, as far as its timeout is concerned.
    slot.headSinceEpochMs = epochNowMs();
    this.recordEntry(worker, slot, taskIndex, startEpochMs, endEpochMs, isOk);
  }

  private recordEntry(
    worker: number,
    slot: Slot,
    taskIndex: number,
    startEpochMs: number,
    endEpochMs: number,
    isOk: boolean,
  ): void {
    slot.busyMs += endEpochMs - startEpochMs;
    this.tally.recordTask(worker, taskIndex, startEpochMs, endEpochMs, isOk);
  }

  /**
   * Ends the run: asks each worker to stop (so processes can report their usage), and
   * kills any that has not exited within the timeout. A cancel kills at once: a worker
   * busy in a CPU loop would not read `stop` until its task ends.
   */
  private stop(error: SerializedError | null, isForced: boolean): void {
    if (this.isStopping) return;
    this.isStopping = true;
    this.fatal = error;
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.endEpochMs = epochNowMs();
    this.options.signal?.removeEventListener('abort', this.onAbort);
    for (const slot of this.slots) {
      if (slot.isExited) continue;
      if (isForced) {
        slot.worker.kill();
      } else {
        slot.worker.post({ type: 'stop', runId: this.options.runId });
      }
    }
    this.killTimer = setTimeout(() => {
      for (const slot of this.slots) if (!slot.isExited) slot.worker.kill();
    }, this.options.stopTimeoutMs ?? 1000);
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (!this.isStopping || !this.slots.every((s) => s.isExited)) return;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.tally.reportProgress(true);
    this.resolve(this.outcome());
  }

  private outcome(): PoolOutcome {
    const { options } = this;
    return {
      ...this.tally.summarize({
        workers: options.workers,
        workload: options.workload,
        expectedChecksum: options.expectedChecksum,
        fatal: this.fatal,
        workStartEpochMs: this.workStartEpochMs,
        endEpochMs: this.endEpochMs,
        busyMs: this.slots.map((s) => s.busyMs),
      }),
      usages: this.usages,
      pids: this.slots.map((s) => s.pid).filter((pid) => pid > 0),
      ...(this.keptLogs.length > 0 || this.droppedLogCount > 0
        ? { workerLogs: { kept: this.keptLogs, droppedCount: this.droppedLogCount } }
        : {}),
    };
  }
}
