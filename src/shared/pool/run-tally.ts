/**
 * The bookkeeping every model run keeps, whoever schedules its tasks (the shared pool, or
 * Python's own pool behind python-runner.ts): the timeline relative to the run's start,
 * throttled `tasks`/`progress` events, the folded checksum, and the summary of it all in
 * ModelResult's fields, so that every model's row is measured the same way.
 */
import type { SerializedError } from '../errors';
import type { ModelId } from '../models';
import { epochNowMs } from '../protocol';
import type { LatencySummary, TaskFailure, TimelineEntry } from '../results';
import type { RunEvent } from '../run-events';
import { summarizeLatency } from '../stats/percentiles';
import { foldTaskChecksum } from '../workloads/checksum';

/** How often, at most, a run sends `tasks` and `progress` events. */
const PROGRESS_INTERVAL_MS = 100;

/** What a tally needs to know about its run to report events. */
export interface RunTallyOptions {
  runId: string;
  model: ModelId;
  taskCount: number;
  onEvent?: (event: RunEvent) => void;
  /** False for a live run: its tasks never end, so neither would its timeline. Default true. */
  keepsTimeline?: boolean;
}

/** The run-wide facts a tally cannot see for itself, given when it is summarized. */
export interface RunTallyEnd {
  workers: number;
  workload: string;
  expectedChecksum: number | null;
  /** The error that ended the run; null lets the first task failure stand for it. */
  fatal: SerializedError | null;
  /** When the first task was dispatched, every worker ready and warm (epoch ms); 0 if work never began. */
  workStartEpochMs: number;
  /** When the work ended (epoch ms). */
  endEpochMs: number;
  /** Each worker's busy time in ms, in worker order. */
  busyMs: readonly number[];
}

/** A run's measurements in ModelResult's fields, before process-level figures. */
export interface RunSummary {
  model: ModelId;
  workers: number;
  workload: string;
  taskCount: number;
  tasksDone: number;
  wallMs: number;
  startedAtEpochMs: number;
  startupMs: number;
  tasksPerSec: number;
  latency: LatencySummary;
  workerBusyFraction: number[];
  timeline: TimelineEntry[];
  checksum: number | null;
  expectedChecksum: number | null;
  verified: boolean;
  isPartial: boolean;
  error: SerializedError | null;
  failures: TaskFailure[];
}

/** Counts a run's tasks as they end and summarizes them once it is over. */
export class RunTally {
  /** When the run began (epoch ms); timeline times are relative to it. */
  readonly startEpochMs = epochNowMs();
  readonly timeline: TimelineEntry[] = [];
  readonly failures: TaskFailure[] = [];
  tasksDone = 0;
  private checksum = 0;
  private readonly pendingEntries: TimelineEntry[] = [];
  private lastProgressMs = 0;

  constructor(private readonly options: RunTallyOptions) {}

  /** Adds a task's entry to the timeline (epoch times in, run-relative out). */
  recordTask(
    worker: number,
    taskIndex: number,
    startEpochMs: number,
    endEpochMs: number,
    isOk: boolean,
  ): void {
    const entry: TimelineEntry = {
      worker,
      taskIndex,
      startMs: startEpochMs - this.startEpochMs,
      endMs: endEpochMs - this.startEpochMs,
      isOk,
      // Known only once the run's thread readings are in (thread-states.ts).
      cpu: null,
    };
    if (this.options.keepsTimeline === false) return;
    this.timeline.push(entry);
    this.pendingEntries.push(entry);
    this.reportProgress();
  }

  /** Counts a task that succeeded and folds its checksum in. */
  recordResult(taskIndex: number, checksum: number): void {
    this.checksum = foldTaskChecksum(this.checksum, taskIndex, checksum);
    this.tasksDone++;
  }

  /** Keeps a failure; the first one stands for the run's error if nothing worse ended it. */
  recordFailure(failure: TaskFailure): void {
    this.failures.push(failure);
  }

  /**
   * Sends the new timeline entries and the progress so far. Throttled (unless forced) so
   * that a run of tiny tasks does not spend its time on events.
   */
  reportProgress(isForced = false): void {
    const { onEvent, runId, model, taskCount } = this.options;
    if (!onEvent) return;
    const now = epochNowMs();
    if (!isForced && now - this.lastProgressMs < PROGRESS_INTERVAL_MS) return;
    this.lastProgressMs = now;
    if (this.pendingEntries.length > 0) {
      onEvent({ type: 'tasks', runId, model, entries: this.pendingEntries.splice(0) });
    }
    onEvent({
      type: 'progress',
      runId,
      model,
      done: this.tasksDone + this.failures.length,
      total: taskCount,
      elapsedMs: now - this.startEpochMs,
    });
  }

  /** The run's measurements: time and throughput of the work alone, latency of successful tasks. */
  summarize(end: RunTallyEnd): RunSummary {
    const { model, taskCount } = this.options;
    const workStart = end.workStartEpochMs || end.endEpochMs;
    const workMs = Math.max(end.endEpochMs - workStart, 0);
    const isComplete = this.tasksDone === taskCount;
    const checksum = isComplete ? this.checksum : null;
    return {
      model,
      workers: end.workers,
      workload: end.workload,
      taskCount,
      tasksDone: this.tasksDone,
      // The work alone: spawn and warm-up are startupMs, never part of speedups.
      wallMs: workMs,
      startedAtEpochMs: this.startEpochMs,
      startupMs: Math.max(workStart - this.startEpochMs, 0),
      tasksPerSec: workMs > 0 ? (this.tasksDone * 1000) / workMs : 0,
      latency: summarizeLatency(
        this.timeline.filter((e) => e.isOk).map((e) => e.endMs - e.startMs),
      ),
      workerBusyFraction: end.busyMs.map((ms) =>
        workMs > 0 ? Math.min(Math.max(ms / workMs, 0), 1) : 0,
      ),
      timeline: this.timeline,
      checksum,
      expectedChecksum: end.expectedChecksum,
      verified: checksum !== null && checksum === end.expectedChecksum,
      isPartial: !isComplete,
      error: end.fatal ?? this.failures[0]?.error ?? null,
      failures: this.failures,
    };
  }
}
