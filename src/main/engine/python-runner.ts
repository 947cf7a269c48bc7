/**
 * Runs one Python model: starts the Python side (src/python), hands it the whole run, and
 * turns its JSON lines into the same ModelResult and RunEvents as the shared pool gives the
 * JavaScript models (run-pool.ts), so a Python row compares like for like.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  LabError,
  serializeError,
  couldNotStartError,
  pythonMissingError,
  pythonEndedError,
} from '../../shared/errors';
import { RunLifecycle } from '../../shared/pool/run-lifecycle';
import { RunTally } from '../../shared/pool/run-tally';
import { DEFAULT_TASK_TIMEOUT_MS } from '../../shared/run-config';
import type { ProcessUsage } from '../../shared/results';
import type { RoundResult } from '../../shared/rounds';
import { startProcessMeter } from './process-meter';
import { withThreadStates, type WatchedThread } from '../../shared/thread-states';
import type { ThreadWatch } from './core-sampler';
import { threadStatesReason, threadStatesUnreadableReason } from './thread-state-support';
import type { PythonInfo } from './python-detect';
import {
  PYTHON_WORKLOADS,
  pythonLineSchema,
  type PythonDone,
  type PythonInit,
  type PythonLine,
  type PythonModelId,
} from './python-protocol';
import type { ModelRunRequest, SelfPoolingRunner } from './runner';
import { startAppProcessMeter } from './app-processes';
import type { SpawnOwner } from './spawn-owner';
import { openSharedHost } from './event-loop-runner';
import { spawnPythonLiveHost } from './python-live';
import { keepStderrTail, killProcessGroup, spawnPythonScript } from './python-process';

export interface PythonRunnerOptions {
  model: PythonModelId;
  /** Path of the src/python folder. */
  script: string;
  /** The interpreter to use (memoized detection). */
  detect: () => Promise<PythonInfo>;
  /** Detection's interpreter once it has found one, else null (live runs start after it). */
  interpreter: () => string | null;
  /** Holds each Python process group until it has exited, so closing the engine ends it. */
  owner: SpawnOwner;
  /** How long after `stop` the process group is killed. */
  stopTimeoutMs?: number;
  /** A Python that is not ready by then fails the run. */
  startTimeoutMs?: number;
}

/** A runner for one Python model. */
export function pythonRunner(options: PythonRunnerOptions): SelfPoolingRunner {
  return {
    model: options.model,
    runModel: (request) => runPythonModel(options, request),
    openLive: () => {
      const python = options.interpreter();
      if (python === null) throw pythonMissingError(options.model);
      const { script, model, owner } = options;
      return openSharedHost(() => spawnPythonLiveHost(python, script, model, owner));
    },
    unavailableFor: (workloadId) =>
      PYTHON_WORKLOADS.includes(workloadId) ? null : `${workloadId} has no Python port`,
  };
}

/** What the Python run measured, before the engine's own process is added. */
interface PythonOutcome extends Omit<
  RoundResult,
  'processes' | 'cpuTimeMs' | 'peakRssBytes' | 'eventLoopDelay' | 'timeShares'
> {
  done: PythonDone | null;
}

async function runPythonModel(
  options: PythonRunnerOptions,
  request: ModelRunRequest,
): Promise<RoundResult> {
  const python = await options.detect();
  if (!python.available) {
    throw pythonMissingError(options.model, python.reason);
  }
  const stopMeter = startProcessMeter();
  const stopAppMeter = startAppProcessMeter(request.appProcesses);
  const run = new PythonRun(options, request, python.path);
  const outcome = await run.result;
  const engine = stopMeter();
  const { done, ...measured } = outcome;
  const threads = await run.endWatch();
  const processes: ProcessUsage[] = [
    { label: 'engine', pid: process.pid, ...usageFigures(engine) },
    ...pythonProcesses(options.model, python, done),
  ];
  processes.push(...stopAppMeter(new Set(processes.map((p) => p.pid))));
  return {
    ...withThreadStates(measured, threads, threadStatesReason(run.isWatched)),
    processes,
    cpuTimeMs: processes.reduce((sum, p) => sum + p.cpuUserMs + p.cpuSystemMs, 0),
    peakRssBytes: processes.reduce((sum, p) => sum + p.peakRssBytes, 0),
    eventLoopDelay: engine.eventLoopDelay,
    engineLoopDelay: engine.eventLoopDelay,
  };
}

type UsageFigures = Pick<ProcessUsage, 'cpuUserMs' | 'cpuSystemMs' | 'peakRssBytes'>;

/** Just the usage figures of a larger record (which may carry its own pid or worker). */
function usageFigures(usage: UsageFigures): UsageFigures {
  return {
    cpuUserMs: usage.cpuUserMs,
    cpuSystemMs: usage.cpuSystemMs,
    peakRssBytes: usage.peakRssBytes,
  };
}

/** The Python processes' rows: the interpreter itself, and each pool process. */
function pythonProcesses(
  model: PythonModelId,
  python: PythonInfo,
  done: PythonDone | null,
): ProcessUsage[] {
  if (!done) return [];
  const build = `python ${python.version ?? ''}${python.isFreeThreaded ? ' free-threaded' : ''}`;
  const role = model === 'python-multiprocessing' ? 'dispatcher' : 'workers inside';
  return [
    { label: `${build} (${role})`, pid: done.usage.pid, ...usageFigures(done.usage) },
    ...done.workers.map((w) => ({ label: `worker ${w.worker}`, pid: w.pid, ...usageFigures(w) })),
    // Pool processes ended by a stop could not report; the kernel's total for them stands in
    // (RUSAGE_CHILDREN: summed CPU time, and the largest one's peak RSS).
    ...(done.children
      ? [{ label: 'workers (stopped, together)', pid: 0, ...usageFigures(done.children) }]
      : []),
  ];
}

class PythonRun {
  readonly result: Promise<PythonOutcome>;
  private resolve!: (outcome: PythonOutcome) => void;
  private child: ChildProcess | null = null;
  private readonly tally: RunTally;
  private readonly life: RunLifecycle;
  private readonly busyMs: number[];
  private tasksFailed = 0;
  /** Added to Python's epoch ms to give ours: two clocks, aligned at `ready`. */
  private clockOffsetMs = 0;
  private done: PythonDone | null = null;
  private stderrTail: () => string = () => '';
  private release: (() => void) | null = null;
  /** The run's worker threads, read by the sampler while the work goes. */
  private readonly watch: ThreadWatch | null;
  private watchEnded: Promise<WatchedThread[]> | null = null;

  constructor(
    private readonly options: PythonRunnerOptions,
    private readonly request: ModelRunRequest,
    pythonPath: string,
  ) {
    this.tally = new RunTally({ ...request, model: options.model });
    this.watch =
      threadStatesUnreadableReason() === null
        ? (request.watchThreads?.(options.model) ?? null)
        : null;
    this.busyMs = Array.from({ length: request.workers }, () => 0);
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.life = new RunLifecycle({
      ...request,
      model: options.model,
      tally: this.tally,
      startTimeoutMs: options.startTimeoutMs,
      stopTimeoutMs: options.stopTimeoutMs,
      starters: 'Python workers',
      stopWorkers: () => this.stopPython(),
      kill: () => this.killGroup(),
    });
    if (!this.life.start()) return;
    this.start(pythonPath);
  }

  private start(pythonPath: string): void {
    const { request, options } = this;
    // Its own process group, which a cancel kills whole, pool included.
    const child = spawnPythonScript(pythonPath, options.script);
    this.child = child;
    if (child.pid !== undefined) this.release = options.owner.hold(() => this.killGroup()) ?? null;
    child.on('error', (error) => {
      // Only a failed spawn ends the run here; once it runs, 'close' says how it ended.
      if (child.pid !== undefined) return;
      this.life.fail(serializeError(couldNotStartError(pythonPath, error)));
      this.finish();
    });
    // Writing after Python exited fails with EPIPE; 'close' reports how it ended.
    child.stdin?.on('error', () => undefined);
    this.stderrTail = keepStderrTail(child);
    if (child.stdout) {
      createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) =>
        this.onLine(line),
      );
    }
    child.on('close', (code, signal) => this.onClose(code, signal));
    const init: PythonInit = {
      type: 'init',
      runId: request.runId,
      model: options.model,
      workers: request.workers,
      workload: request.workload,
      params: request.params,
      taskCount: request.taskCount,
      io: request.io,
      taskTimeoutMs: request.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
      ...(request.memoryLimitMb === undefined ? {} : { memoryLimitMb: request.memoryLimitMb }),
    };
    child.stdin?.write(`${JSON.stringify(init)}\n`);
  }

  private onLine(line: string): void {
    if (this.life.isFinished || line.trim() === '') return;
    let parsed: PythonLine;
    try {
      parsed = pythonLineSchema.parse(JSON.parse(line));
    } catch {
      this.life.stop(
        serializeError(
          new LabError(
            'internal',
            `the Python worker wrote an unexpected line: ${line.slice(0, 200)}`,
          ),
        ),
        false,
      );
      return;
    }
    this.onMessage(parsed);
  }

  private onMessage(message: PythonLine): void {
    switch (message.type) {
      case 'ready': {
        const startEpochMs = this.life.beginWork();
        // Ready after a start timeout or cancel: the run is over already.
        if (startEpochMs === null) return;
        this.clockOffsetMs = startEpochMs - message.epochMs;
        for (const [worker, id] of (message.workerThreads ?? []).entries()) {
          this.watch?.add(worker, id);
        }
        return;
      }
      case 'result':
        if (!this.record(message.worker, message.taskIndex, message, true)) return;
        this.tally.recordResult(message.taskIndex, message.checksum);
        this.maybeEndWork();
        return;
      case 'error':
        if (!this.record(message.worker, message.taskIndex, message, false)) return;
        this.tally.recordFailure({
          taskIndex: message.taskIndex,
          worker: message.worker,
          error: message.error,
        });
        if (message.taskIndex !== null) this.tasksFailed++;
        if (this.life.isFailFast) {
          this.life.stop(message.error, false);
          return;
        }
        this.maybeEndWork();
        return;
      case 'fatal':
        this.life.fail(message.error);
        return;
      case 'done':
        this.done = message;
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown Python line ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Adds a task's timeline entry and busy time; false (and the run stopped) if malformed. */
  private record(
    worker: number,
    taskIndex: number | null,
    times: { startEpochMs: number; endEpochMs: number },
    isOk: boolean,
  ): boolean {
    const { workers, taskCount } = this.request;
    if (worker >= workers || (taskIndex !== null && taskIndex >= taskCount)) {
      this.life.stop(
        serializeError(
          new LabError(
            'internal',
            `the Python worker reported worker ${worker}, task ${taskIndex} of ${workers} workers, ${taskCount} tasks`,
          ),
        ),
        false,
      );
      return false;
    }
    this.busyMs[worker]! += times.endEpochMs - times.startEpochMs;
    if (taskIndex === null) return true;
    this.tally.recordTask(
      worker,
      taskIndex,
      times.startEpochMs + this.clockOffsetMs,
      times.endEpochMs + this.clockOffsetMs,
      isOk,
    );
    return true;
  }

  /** The work ends at the last task's answer, not when Python has finished exiting. */
  private maybeEndWork(): void {
    if (this.tally.tasksDone + this.tasksFailed >= this.request.taskCount && this.life.endWork()) {
      void this.endWatch();
    }
  }

  get isWatched(): boolean {
    return this.watch !== null;
  }

  /** Takes the threads' last readings (at the work's end, before they exit) and returns them all. */
  endWatch(): Promise<WatchedThread[]> {
    this.watchEnded ??= this.watch ? this.watch.finish() : Promise.resolve([]);
    return this.watchEnded;
  }

  /**
   * The run stops (the lifecycle's callback): asks Python to stop (it terminates its pool
   * and exits at once, even mid-task: its stdin is watched from a thread of its own); the
   * lifecycle kills the whole process group if it has not gone within the timeout.
   */
  private stopPython(): void {
    void this.endWatch();
    // Cancelled before it was spawned: nothing to wait for.
    if (!this.child) {
      this.finish();
      return;
    }
    const stdin = this.child.stdin;
    if (stdin?.writable) {
      stdin.write(`${JSON.stringify({ type: 'stop', runId: this.request.runId })}\n`);
      stdin.end();
    }
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.done && !this.life.isStopping) {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      this.life.fail(serializeError(pythonEndedError(how, this.stderrTail())));
    }
    // Whatever Python left behind (a pool process orphaned by a crash) goes with the group.
    this.killGroup();
    this.release?.();
    this.finish();
  }

  /** SIGKILLs the Python process group: the interpreter and every pool process. */
  private killGroup(): void {
    killProcessGroup(this.child);
  }

  private finish(): void {
    const summary = this.life.finish(this.busyMs);
    if (summary) this.resolve({ ...summary, done: this.done });
  }
}
