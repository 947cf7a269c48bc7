/**
 * The life of one model run, whoever schedules its tasks (the shared pool, or Python's own
 * pool behind python-runner.ts): the workers must start in time, a cancel stops the run, a
 * stop records the first fatal error and kills what has not left within the stop timeout,
 * and the run finishes once, with every timer cleared. How workers are told to stop and
 * killed differs per owner, so those two steps are the owner's callbacks.
 */
import { cancelledError, didNotStartError, serializeError, type SerializedError } from '../errors';
import type { ModelId } from '../models';
import { epochNowMs } from '../protocol';
import type { FailurePolicy } from '../run-config';
import type { RunEvent } from '../run-events';
import type { RunSummary, RunTally } from './run-tally';

/** What a lifecycle needs of its run, and the owner's two ways to end its workers. */
export interface RunLifecycleOptions {
  runId: string;
  model: ModelId;
  workers: number;
  workload: string;
  expectedChecksum: number | null;
  tally: RunTally;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  failurePolicy?: FailurePolicy;
  /** Workers not ready by then fail the run; default 30 s. */
  startTimeoutMs?: number;
  /** How long `stop` may take before `kill`; default 1 s. */
  stopTimeoutMs?: number;
  /** Who did not start, as the start timeout's error names them ("workers"). */
  starters: string;
  /**
   * Asks the workers to stop; `isForced` (a cancel, a start timeout) may end them at once.
   * The owner calls finish() once they have all gone.
   */
  stopWorkers(isForced: boolean): void;
  /** Ends whatever has not stopped within stopTimeoutMs. */
  kill(): void;
}

/** Timers, cancel, first fatal error and the once-only finish of one model run. */
export class RunLifecycle {
  private fatal: SerializedError | null = null;
  private stopping = false;
  private finished = false;
  private workStartMs = 0;
  private endMs = 0;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private killTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onAbort = (): void => this.stop(serializeError(cancelledError()), true);

  constructor(private readonly options: RunLifecycleOptions) {}

  /** Told to stop: workers may still be leaving. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Finished: its summary has been handed out, and every timer cleared. */
  get isFinished(): boolean {
    return this.finished;
  }

  /** When work began (epoch ms), every worker ready; 0 until then. */
  get workStartEpochMs(): number {
    return this.workStartMs;
  }

  /** Whether one failed task ends the run ('continue' is the default policy). */
  get isFailFast(): boolean {
    return (this.options.failurePolicy ?? 'continue') === 'fail-fast';
  }

  /**
   * Announces the run, arms the start timeout and listens for a cancel. False when the
   * signal was already aborted: the run is then stopped (cancelled) before anything started.
   */
  start(): boolean {
    const { options } = this;
    if (options.signal?.aborted) {
      this.onAbort();
      return false;
    }
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    options.onEvent?.({
      type: 'model-start',
      runId: options.runId,
      model: options.model,
      workers: options.workers,
    });
    this.startTimer = setTimeout(() => {
      this.stop(serializeError(didNotStartError(options.starters)), true);
    }, options.startTimeoutMs ?? 30_000);
    return true;
  }

  /** Every worker is ready: the clock starts. Returns when (epoch ms); null once stopping. */
  beginWork(): number | null {
    // The last worker may become ready after a start timeout or cancel ended the run.
    if (this.stopping || this.finished) return null;
    this.clearStartTimer();
    this.workStartMs = epochNowMs();
    return this.workStartMs;
  }

  /** The work ended (its last task answered) now, unless it already had; true if now. */
  endWork(): boolean {
    if (this.endMs !== 0) return false;
    this.endMs = epochNowMs();
    return true;
  }

  /** Keeps `error` as the run's error unless an earlier one already is. */
  fail(error: SerializedError): void {
    this.fatal ??= error;
  }

  /**
   * Ends the run (once): keeps its error (null for a run that simply ran out of work), asks
   * the workers to stop and arms the kill timer.
   */
  stop(error: SerializedError | null, isForced: boolean): void {
    if (this.stopping || this.finished) return;
    this.stopping = true;
    this.fatal ??= error;
    this.clearStartTimer();
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.endWork();
    // Armed before the workers are told: one that leaves at once may finish the run, which clears it.
    this.killTimer = setTimeout(() => this.options.kill(), this.options.stopTimeoutMs ?? 1000);
    this.options.stopWorkers(isForced);
  }

  /**
   * Finishes the run once its workers have gone: clears every timer, sends the last
   * progress and returns the tally's summary; null if the run had already finished.
   */
  finish(busyMs: readonly number[]): RunSummary | null {
    if (this.finished) return null;
    this.finished = true;
    this.clearStartTimer();
    if (this.killTimer) clearTimeout(this.killTimer);
    // A run can end without a stop (Python exiting by itself); it then listens no longer.
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.endWork();
    const { tally, workers, workload, expectedChecksum } = this.options;
    tally.reportProgress(true);
    return tally.summarize({
      workers,
      workload,
      expectedChecksum,
      fatal: this.fatal,
      workStartEpochMs: this.workStartMs,
      endEpochMs: this.endMs,
      busyMs,
    });
  }

  private clearStartTimer(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
  }
}
