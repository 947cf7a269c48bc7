/**
 * The pull loop every worker-based model shares, whatever carries its messages: start N
 * workers, wait for each one's `ready` and its warm-up task, start the clock, hand each
 * idle worker the next task, and collect what each task took. Piscina-like, but without a queue of its own: a worker asks for
 * work by answering, so the only state is the next task index.
 */
import { LabError, serializeError, type SerializedError } from '../errors';
import type { ModelId } from '../models';
import { epochNowMs, type HostMessage, type IoConfig, type WorkerMessage } from '../protocol';
import { DEFAULT_TASK_TIMEOUT_MS, type FailurePolicy } from '../run-config';
import type { RunEvent } from '../run-events';
import { MAX_LOG_LINE_CHARS } from '../serve-worker';
import type { WorkloadParams } from '../workloads/types';
import { RunLifecycle } from './run-lifecycle';
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
  /**
   * Tasks never run out (a live run): indices grow until drain() or a cancel, and worker
   * i's task index cycles through `taskCount` (see the 'size' message). No timeline is kept.
   */
  isEndless?: boolean;
  /**
   * Workers kept started and warm beside the pool, outside the pull loop, once work began:
   * a grow takes one at once (its first task starts within a message) and a new one is
   * started behind it. Live runs keep one so a slider answers without a spawn's delay.
   */
  spareWorkers?: number;
  /** Called as each task ends, with when it was sent; a live run's samples come from it. */
  onTaskEnd?: (task: PoolTaskEnd) => void;
  /**
   * Work each worker holds sent ahead, in ms of its last task's time (at most
   * MAX_QUEUED_TASKS tasks): where the dispatcher's thread stalls (the page's UI thread,
   * busy drawing), the workers go on through a stall that short.
   */
  queueAheadMs?: number;
}

/** One finished task as the pool saw it (epoch ms). */
export interface PoolTaskEnd {
  worker: number;
  taskIndex: number;
  /** When the worker could have begun it: sent, or its previous task ended, the later. */
  readyEpochMs: number;
  startEpochMs: number;
  endEpochMs: number;
  /** null when the task failed. */
  checksum: number | null;
}

/** A running pool: its outcome, and the controls a live run (or a resize test) uses. */
export interface PoolHandle {
  readonly result: Promise<PoolOutcome>;
  /** When the first workers were all warm and work began (epoch ms); null if it never did. */
  readonly workStarted: Promise<number | null>;
  /** Tasks handed out so far (indices 0 … tasksSent - 1). */
  tasksSent(): number;
  /** Workers not retiring now: what a resize counts from. */
  activeWorkers(): number;
  /**
   * Grows or shrinks the pool to `workers`. New workers start, warm up and join the pull
   * loop; a retiring worker finishes the tasks it was sent and leaves. Resolves with when it
   * took effect (epoch ms: every new worker has started a task, or the last retiring one
   * left), or null when the run ended first.
   */
  resize(workers: number): Promise<number | null>;
  /**
   * Tasks sent from now on are computed at these params, task i as i mod taskCount.
   * Returns the first task index of the new size.
   */
  setTaskSize(params: WorkloadParams, taskCount: number): number;
  /** Sends no new task; the run ends once every task sent has answered. */
  drain(): void;
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
/** Most tasks a worker is sent ahead under queueAheadMs. */
const MAX_QUEUED_TASKS = 64;

/** Runs every task of a workload on `workers` pool workers and measures the run. */
export function runPool(options: RunPoolOptions): Promise<PoolOutcome> {
  return new PoolRun(options).result;
}

/** Starts a pool run and hands back its controls (resize, task size, drain). */
export function startPool(options: RunPoolOptions): PoolHandle {
  const run = new PoolRun(options);
  return {
    result: run.result,
    workStarted: run.workStarted,
    tasksSent: () => run.tasksSent(),
    activeWorkers: () => run.activeWorkers(),
    resize: (workers) => run.resize(workers),
    setTaskSize: (params, taskCount) => run.setTaskSize(params, taskCount),
    drain: () => run.drain(),
  };
}

/** A task sent to a worker and not yet answered. */
interface SentTask {
  taskIndex: number;
  sentEpochMs: number;
}

/** A resize waiting to take effect: the slots it started, or the ones it retired. */
interface PendingResize {
  slots: Set<Slot>;
  isGrow: boolean;
  settle(atEpochMs: number | null): void;
}

interface Slot {
  index: number;
  worker: PoolWorker;
  isReady: boolean;
  /** Ready and through its warm-up task: it may take work. */
  isWarm: boolean;
  isExited: boolean;
  /** Asked to leave by a shrink: it gets no new task and stops once it has answered all. */
  isRetiring: boolean;
  /** Kept warm outside the pull loop until a grow takes it (spareWorkers). */
  isSpare: boolean;
  /** Told to stop (retired or drained); killed if it has not left by the stop timeout. */
  stopTimer: ReturnType<typeof setTimeout> | null;
  /** Tasks sent to the worker and not yet answered, oldest (the running one) first. */
  inFlight: SentTask[];
  /** When its last task ended (epoch ms); 0 before the first. */
  lastEndEpochMs: number;
  /** The task size (generation) this worker was last told; see setTaskSize. */
  sizeGeneration: number;
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
  readonly workStarted: Promise<number | null>;
  private resolveWorkStarted!: (atEpochMs: number | null) => void;
  private readonly slots: Slot[] = [];
  private readonly tally: RunTally;
  private readonly life: RunLifecycle;
  private readonly usages: ReportedUsage[] = [];
  private readonly keptLogs: WorkerLogLine[] = [];
  private droppedLogCount = 0;
  private nextTask = 0;
  /** Tasks the run hands out: all of them, or without end for a live run. */
  private readonly taskLimit: number;
  /** Workers that are warm, or that died before they were, of the first `workers`. */
  private warmCount = 0;
  private isDraining = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly taskTimeoutMs: number;
  /** The current task size and its generation (0: the init message's). */
  private size: { params: WorkloadParams; taskCount: number; generation: number };
  private readonly resizes = new Set<PendingResize>();
  /** A resize asked for before the first workers were warm; applied when work begins. */
  private earlyResize: { workers: number; resolve: (at: Promise<number | null>) => void } | null =
    null;

  constructor(private readonly options: RunPoolOptions) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.workStarted = new Promise((resolve) => (this.resolveWorkStarted = resolve));
    this.tally = new RunTally({
      ...options,
      // A live run's figures are its samples: an endless timeline would grow without bound.
      onEvent: options.isEndless ? undefined : options.onEvent,
      keepsTimeline: !options.isEndless,
    });
    this.taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.taskLimit = options.isEndless ? Infinity : options.taskCount;
    this.size = { params: options.params, taskCount: options.taskCount, generation: 0 };
    this.life = new RunLifecycle({
      ...options,
      tally: this.tally,
      starters: 'workers',
      stopWorkers: (isForced) => this.stopWorkers(isForced),
      kill: () => {
        for (const slot of this.slots) if (!slot.isExited) slot.worker.kill();
      },
    });
    if (!this.life.start()) return;
    for (let i = 0; i < options.workers; i++) this.spawn();
  }

  tasksSent(): number {
    return this.nextTask;
  }

  activeWorkers(): number {
    return this.activeSlots().length;
  }

  /** Workers in the pull loop: not retiring, not spare, not gone. */
  private activeSlots(): Slot[] {
    return this.slots.filter((s) => !s.isExited && !s.isRetiring && !s.isSpare);
  }

  /** Starts spares until spareWorkers are started (warm or warming). */
  private replenishSpares(): void {
    const wanted = this.options.spareWorkers ?? 0;
    let spares = this.slots.filter((s) => s.isSpare && !s.isExited).length;
    while (spares < wanted && !this.life.isStopping && !this.isDraining) {
      const slot = this.spawn();
      if (!slot) return;
      slot.isSpare = true;
      spares++;
    }
  }

  resize(workers: number): Promise<number | null> {
    if (!Number.isInteger(workers) || workers < 1) {
      return Promise.reject(new LabError('invalid-argument', 'workers must be an integer >= 1'));
    }
    if (this.life.isStopping || this.isDraining) return Promise.resolve(null);
    if (!this.life.workStartEpochMs) {
      // The first workers are still starting; the clock starts when they are all warm.
      return new Promise((resolve) => {
        this.earlyResize?.resolve(Promise.resolve(null));
        this.earlyResize = { workers, resolve: (at) => void at.then(resolve) };
      });
    }
    const active = this.activeSlots();
    if (workers === active.length) return Promise.resolve(epochNowMs());
    return new Promise((resolve) => {
      const pending: PendingResize = {
        slots: new Set(),
        isGrow: workers > active.length,
        settle: (at) => {
          this.resizes.delete(pending);
          resolve(at);
        },
      };
      this.resizes.add(pending);
      if (pending.isGrow) {
        // Warm spares first: they join the pull loop now; the rest start cold.
        const spares = this.slots.filter((s) => s.isSpare && !s.isExited);
        for (let i = active.length; i < workers; i++) {
          const spare = spares.shift();
          const slot = spare ?? this.spawn();
          if (!slot) return;
          slot.isSpare = false;
          pending.slots.add(slot);
          if (slot.isWarm) this.fill(slot);
        }
        this.replenishSpares();
        return;
      }
      // The newest leave first: the oldest have run longest and are surely warm.
      for (const slot of active.slice(workers).reverse()) {
        slot.isRetiring = true;
        pending.slots.add(slot);
        this.retireIfIdle(slot);
      }
    });
  }

  setTaskSize(params: WorkloadParams, taskCount: number): number {
    this.size = { params, taskCount, generation: this.size.generation + 1 };
    return this.nextTask;
  }

  drain(): void {
    if (this.life.isStopping || this.isDraining) return;
    this.isDraining = true;
    // Spares leave with the rest (retireIfIdle tells every idle worker while draining).
    this.earlyResize?.resolve(Promise.resolve(null));
    this.earlyResize = null;
    if (!this.life.workStartEpochMs) {
      this.life.stop(null, true);
      return;
    }
    for (const slot of this.slots) this.retireIfIdle(slot);
    this.finishIfDone();
  }

  /** Starts worker number slots.length; null (and the run stopped) if it cannot start. */
  private spawn(): Slot | null {
    const { options } = this;
    const index = this.slots.length;
    let worker: PoolWorker;
    try {
      worker = options.spawn(index);
    } catch (error) {
      // Piscina's rule: a worker that cannot start is not respawned; the run fails.
      this.life.stop(serializeError(error), true);
      return null;
    }
    const slot: Slot = {
      index,
      worker,
      isReady: false,
      isWarm: false,
      isExited: false,
      isRetiring: false,
      isSpare: false,
      stopTimer: null,
      inFlight: [],
      lastEndEpochMs: 0,
      sizeGeneration: this.size.generation,
      lastTaskMs: Infinity,
      busyMs: 0,
      pid: 0,
      headSinceEpochMs: 0,
      stoppedFor: null,
    };
    this.slots.push(slot);
    worker.onMessage((message) => this.onMessage(slot, message));
    worker.onExit((exit) => this.onExit(slot, exit));
    worker.post({
      type: 'init',
      runId: options.runId,
      worker: index,
      workload: options.workload,
      params: this.size.params,
      taskCount: this.size.taskCount,
      io: options.io,
    });
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
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
        // A spare waits, warm, for a grow to take it.
        if (slot.isSpare) return;
        if (this.life.workStartEpochMs) {
          // A worker a resize started: it joins the pull loop now, or leaves if retired.
          if (!this.retireIfIdle(slot)) this.fill(slot);
        } else {
          this.countWarm();
        }
        return;
      case 'result':
        this.record(slot, message.taskIndex, message.startEpochMs, message.endEpochMs, true);
        this.tally.recordResult(message.taskIndex, message.checksum);
        this.taskEnded(
          slot,
          message.taskIndex,
          message.startEpochMs,
          message.endEpochMs,
          message.checksum,
        );
        this.fill(slot);
        return;
      case 'error':
        this.record(slot, message.taskIndex, message.startEpochMs, message.endEpochMs, false);
        this.tally.recordFailure({
          taskIndex: message.taskIndex,
          worker: slot.index,
          error: message.error,
        });
        if (message.taskIndex !== null) {
          this.taskEnded(slot, message.taskIndex, message.startEpochMs, message.endEpochMs, null);
        }
        if (this.life.isFailFast) {
          this.life.stop(message.error, false);
        } else {
          this.fill(slot);
        }
        return;
      case 'usage':
        this.usages.push({
          worker: slot.index,
          pid: message.pid,
          cpuUserMs: message.cpuUserMs,
          cpuSystemMs: message.cpuSystemMs,
          peakRssBytes: message.peakRssBytes,
        });
        return;
      case 'log':
        this.onLog(slot.index, message);
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown worker message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Settles the grow that started `slot` once its first task has begun. */
  private taskEnded(
    slot: Slot,
    taskIndex: number,
    startEpochMs: number,
    endEpochMs: number,
    checksum: number | null,
  ): void {
    // A grow took effect once every worker it added has started a task.
    for (const pending of this.resizes) {
      if (!pending.isGrow || !pending.slots.delete(slot)) continue;
      if (pending.slots.size === 0) pending.settle(startEpochMs);
    }
    if (!this.options.onTaskEnd) return;
    this.options.onTaskEnd({
      worker: slot.index,
      taskIndex,
      readyEpochMs: this.readyAt.get(slot) ?? startEpochMs,
      startEpochMs,
      endEpochMs,
      checksum,
    });
  }

  /** When each worker's task now reporting could have begun; set by record(). */
  private readonly readyAt = new Map<Slot, number>();

  /**
   * Keeps the first lines and counts the rest, at the cost of a comparison per line: a
   * worker that ignores its own budget still cannot fill the host's memory.
   */
  private onLog(index: number, message: Extract<WorkerMessage, { type: 'log' }>): void {
    // Both fields' types were checked on arrival (isWorkerMessage).
    this.droppedLogCount += message.dropped ?? 0;
    if (message.message === '') return;
    if (this.keptLogs.length < MAX_KEPT_LOG_LINES) {
      this.keptLogs.push({ worker: index, message: message.message.slice(0, MAX_LOG_LINE_CHARS) });
    } else {
      this.droppedLogCount++;
    }
  }

  private onExit(slot: Slot, exit: WorkerExit): void {
    slot.isExited = true;
    if (slot.stopTimer) clearTimeout(slot.stopTimer);
    this.settleShrinks();
    if (this.life.isStopping) {
      this.maybeFinish();
      return;
    }
    // A retiring (or, while draining, any) worker that answered every task it was sent
    // and was then told to stop has simply left.
    const hasLeft = (slot.isRetiring || this.isDraining) && slot.inFlight.length === 0;
    if (hasLeft && !slot.stoppedFor) {
      this.finishIfDone();
      return;
    }
    if (slot.isSpare) {
      // A spare held no task: nothing is lost. Start another in its place.
      this.replenishSpares();
      return;
    }
    const how =
      exit.outOfMemoryLimitMb !== undefined
        ? `ran out of memory (limit ${exit.outOfMemoryLimitMb} MiB)`
        : exit.error
          ? `failed: ${exit.error.message}`
          : exit.signal
            ? `was killed by ${exit.signal}`
            : `exited with code ${exit.code}`;
    const error =
      slot.stoppedFor ??
      serializeError(new LabError('worker-crashed', `worker ${slot.index} ${how}`));
    // The task it was computing is lost, and any sent ahead of time with it. A worker
    // killed for a timeout already has that task's failure on record.
    const lost: (number | null)[] =
      slot.inFlight.length > 0
        ? slot.inFlight.splice(0).map((task) => task.taskIndex)
        : slot.stoppedFor
          ? []
          : [null];
    for (const taskIndex of lost) {
      this.tally.recordFailure({ taskIndex, worker: slot.index, error });
    }
    // A worker a grow started that died first will never run a task for it.
    for (const pending of this.resizes) {
      if (pending.isGrow && pending.slots.has(slot)) {
        pending.slots.delete(slot);
        if (pending.slots.size === 0) pending.settle(null);
      }
    }
    if (this.life.isFailFast || this.slots.every((s) => s.isExited)) {
      this.life.stop(error, false);
      return;
    }
    // Work the dead worker would have taken now falls to the others; if it died
    // before it was warm, the rest may start without it.
    if (!slot.isWarm && !this.life.workStartEpochMs) this.countWarm();
    // Its task may have been the last one out.
    this.finishIfDone();
  }

  /** Settles each shrink whose retiring workers have all left. */
  private settleShrinks(): void {
    for (const pending of this.resizes) {
      if (pending.isGrow || ![...pending.slots].every((s) => s.isExited)) continue;
      pending.settle(epochNowMs());
    }
  }

  /**
   * Tells a retiring (or draining) worker to stop once it has answered every task it was
   * sent: those tasks are neither lost nor run again. True when it was told.
   */
  private retireIfIdle(slot: Slot): boolean {
    if (!(slot.isRetiring || this.isDraining) || slot.isExited || this.life.isStopping)
      return false;
    if (slot.inFlight.length > 0) return false;
    if (slot.stopTimer) return true;
    // A worker still starting can be stopped too: 'stop' ends it whatever it is doing.
    slot.worker.post({ type: 'stop', runId: this.options.runId });
    slot.stopTimer = setTimeout(() => slot.worker.kill(), this.options.stopTimeoutMs ?? 1000);
    return true;
  }

  /** The clock starts once every worker is warm (or gone): start-up never enters wallMs. */
  private countWarm(): void {
    this.warmCount++;
    if (this.warmCount === this.options.workers) this.beginWork();
  }

  private beginWork(): void {
    const startEpochMs = this.life.beginWork();
    if (startEpochMs === null) return;
    this.resolveWorkStarted(startEpochMs);
    // One watchdog for the whole run rather than a timer per task: tiny tasks would pay
    // for arming and clearing one each time. A timeout fires up to an eighth late.
    const everyMs = Math.min(Math.max(this.taskTimeoutMs / 8, 10), 1000);
    this.watchdog = setInterval(() => this.checkTaskTimeouts(), everyMs);
    for (const slot of this.slots) if (slot.isWarm && !slot.isExited) this.fill(slot);
    this.replenishSpares();
    const early = this.earlyResize;
    this.earlyResize = null;
    if (early) early.resolve(this.resize(early.workers));
  }

  /** Fails each task that has run longer than the timeout, and kills its worker. */
  private checkTaskTimeouts(): void {
    const nowEpochMs = epochNowMs();
    for (const slot of this.slots) {
      if (this.life.isStopping) return;
      const task = slot.inFlight[0];
      if (task === undefined || slot.isExited || slot.stoppedFor) continue;
      if (nowEpochMs - slot.headSinceEpochMs < this.taskTimeoutMs) continue;
      const error = serializeError(
        new LabError(
          'timeout',
          `task ${task.taskIndex} on worker ${slot.index} did not finish within ${this.taskTimeoutMs} ms ` +
            '(taskTimeoutMs); the worker was stopped',
        ),
      );
      slot.stoppedFor = error;
      slot.inFlight.shift();
      this.recordEntry(slot, task.taskIndex, slot.headSinceEpochMs, nowEpochMs, false);
      this.tally.recordFailure({ taskIndex: task.taskIndex, worker: slot.index, error });
      // A hung task does not read messages, so it cannot be asked to stop: kill it. An
      // in-process worker cannot be killed, only abandoned; its task's answer is ignored.
      slot.worker.kill();
      if (this.life.isFailFast) this.life.stop(error, false);
    }
  }

  /**
   * Gives an idle worker its next task. When tasks are tiny, one more is sent ahead so the
   * worker never waits a message round trip between two of them; longer tasks go one at a
   * time, so no task waits behind a busy worker while another sits idle.
   */
  private fill(slot: Slot): void {
    if (this.life.isStopping || slot.isExited || slot.isSpare || !this.life.workStartEpochMs)
      return;
    if (slot.isRetiring || this.isDraining) {
      this.retireIfIdle(slot);
      this.finishIfDone();
      return;
    }
    const depth = Math.max(
      slot.lastTaskMs < SEND_AHEAD_BELOW_MS ? 2 : 1,
      this.options.queueAheadMs && slot.lastTaskMs > 0
        ? Math.min(Math.ceil(this.options.queueAheadMs / slot.lastTaskMs), MAX_QUEUED_TASKS)
        : 0,
    );
    while (slot.inFlight.length < depth && this.nextTask < this.taskLimit) {
      const taskIndex = this.nextTask++;
      const sentEpochMs = epochNowMs();
      if (slot.inFlight.length === 0) slot.headSinceEpochMs = sentEpochMs;
      if (slot.sizeGeneration !== this.size.generation) {
        // Messages arrive in order: tasks sent before this still run at the old size.
        const { params, taskCount, generation } = this.size;
        slot.worker.post({ type: 'size', runId: this.options.runId, params, taskCount });
        slot.sizeGeneration = generation;
      }
      slot.inFlight.push({ taskIndex, sentEpochMs });
      slot.worker.post({ type: 'task', runId: this.options.runId, taskIndex });
    }
    this.finishIfDone();
  }

  /** Ends the run once no task is left to send and no live worker has one in flight. */
  private finishIfDone(): void {
    const isOutOfTasks = this.isDraining || this.nextTask >= this.taskLimit;
    if (!isOutOfTasks && this.activeSlots().length > 0) return;
    if (this.slots.every((s) => s.isExited || s.inFlight.length === 0)) this.life.stop(null, false);
  }

  private record(
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
    const at = slot.inFlight.findIndex((task) => task.taskIndex === taskIndex);
    const sent = at >= 0 ? slot.inFlight.splice(at, 1)[0]! : null;
    // Dispatch-to-start counts only the wait the pool caused, not the previous task's time.
    this.readyAt.set(slot, Math.max(sent?.sentEpochMs ?? startEpochMs, slot.lastEndEpochMs));
    slot.lastEndEpochMs = endEpochMs;
    // The next task in line (sent ahead) starts now, as far as its timeout is concerned.
    slot.headSinceEpochMs = epochNowMs();
    this.recordEntry(slot, taskIndex, startEpochMs, endEpochMs, isOk);
  }

  private recordEntry(
    slot: Slot,
    taskIndex: number,
    startEpochMs: number,
    endEpochMs: number,
    isOk: boolean,
  ): void {
    slot.busyMs += endEpochMs - startEpochMs;
    this.tally.recordTask(slot.index, taskIndex, startEpochMs, endEpochMs, isOk);
  }

  /**
   * The run stops (the lifecycle's callback): asks each worker to stop, so processes can
   * report their usage; the lifecycle kills any that has not exited within the timeout. A
   * cancel kills at once: a worker busy in a CPU loop would not read `stop` until its task ends.
   */
  private stopWorkers(isForced: boolean): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.resolveWorkStarted(null);
    this.earlyResize?.resolve(Promise.resolve(null));
    this.earlyResize = null;
    // Resizes that had not taken effect never will.
    for (const pending of [...this.resizes]) pending.settle(null);
    for (const slot of this.slots) {
      if (slot.isExited) continue;
      if (isForced) {
        slot.worker.kill();
      } else if (!slot.stopTimer) {
        // A worker already told to stop is not told twice; the kill timer covers it.
        slot.worker.post({ type: 'stop', runId: this.options.runId });
      }
    }
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (!this.life.isStopping || !this.slots.every((s) => s.isExited)) return;
    const summary = this.life.finish(this.slots.map((s) => s.busyMs));
    if (!summary) return;
    this.resolve({
      ...summary,
      usages: this.usages,
      pids: this.slots.map((s) => s.pid).filter((pid) => pid > 0),
      ...(this.keptLogs.length > 0 || this.droppedLogCount > 0
        ? { workerLogs: { kept: this.keptLogs, droppedCount: this.droppedLogCount } }
        : {}),
    });
  }
}
