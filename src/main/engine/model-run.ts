/** Runs one model on one workload once and turns the pool's figures into a round's result. */
import type { ProcessUsage } from '../../shared/results';
import type { RoundResult } from '../../shared/rounds';
import { runPool, type PoolOutcome, type PoolWorker } from '../../shared/pool/run-pool';
import { withThreadStates, type WatchedThread } from '../../shared/thread-states';
import { startAppProcessMeter } from './app-processes';
import type { ThreadWatch } from './core-sampler';
import { startProcessMeter } from './process-meter';
import { threadStatesReason, threadStatesUnreadableReason } from './thread-state-support';
import type {
  ModelRunner,
  ModelRunRequest,
  Runner,
  RunWorkers,
  SharedHostReport,
  SharedHostRunner,
} from './runner';

export interface ModelRunOptions extends ModelRunRequest {
  runner: ModelRunner;
}

/** The run's workers: spawned one by one, or into one host the run opens (the event loop). */
export function openWorkers(runner: Runner | SharedHostRunner, memoryLimitMb?: number): RunWorkers {
  if ('openRun' in runner) return runner.openRun();
  return { spawn: (index) => runner.spawn(index, { memoryLimitMb }), finish: async () => ({}) };
}

/** The worker, telling `watch` which OS thread it runs on once it is ready. */
export function watchedWorker(worker: PoolWorker, index: number, watch: ThreadWatch): PoolWorker {
  return {
    onExit: (listener) => worker.onExit(listener),
    kill: () => worker.kill(),
    post: (message) => worker.post(message),
    onMessage: (listener) => {
      worker.onMessage((message) => {
        if (message.type === 'ready' && typeof message.tid === 'number') {
          watch.add(index, { pid: message.pid, tid: message.tid });
        }
        listener(message);
      });
    },
  };
}

/** A live run's workers: Python's through its live host, the others as a run opens them. */
export function openLiveWorkers(runner: ModelRunner): RunWorkers {
  return 'runModel' in runner ? runner.openLive() : openWorkers(runner);
}

/** A watch whose last readings are taken as the pool stops its first worker: the work's end. */
class RunThreadWatch {
  private finished: Promise<WatchedThread[]> | null = null;
  constructor(private readonly watch: ThreadWatch) {}

  /**
   * The worker, telling the watch which OS thread it runs on when it is ready. The last
   * readings must come before the workers exit (an exited thread has no counters), so the
   * first `stop` ends the watch.
   */
  wrap(worker: PoolWorker, index: number): PoolWorker {
    const watched = watchedWorker(worker, index, this.watch);
    return {
      ...watched,
      post: (message) => {
        if (message.type === 'stop') this.finish();
        watched.post(message);
      },
    };
  }

  finish(): Promise<WatchedThread[]> {
    this.finished ??= this.watch.finish();
    return this.finished;
  }
}

/** Runs the model and measures it, including the engine process's own cost. */
export async function runModel(options: ModelRunOptions): Promise<RoundResult> {
  const { runner } = options;
  // A self-pooling runner (Python) measures its run itself, the same figures as below.
  if ('runModel' in runner) return runner.runModel(options);
  const workers = openWorkers(runner, options.memoryLimitMb);
  const opened =
    threadStatesUnreadableReason() === null ? options.watchThreads?.(runner.model) : undefined;
  const watch = opened ? new RunThreadWatch(opened) : null;
  const stopMeter = startProcessMeter();
  const stopAppMeter = startAppProcessMeter(options.appProcesses);
  let outcome: PoolOutcome;
  let host: SharedHostReport;
  try {
    outcome = await runPool({
      runId: options.runId,
      model: runner.model,
      workers: options.workers,
      workload: options.workload,
      params: options.params,
      taskCount: options.taskCount,
      io: options.io,
      spawn: watch ? (index) => watch.wrap(workers.spawn(index), index) : workers.spawn,
      expectedChecksum: options.expectedChecksum,
      signal: options.signal,
      onEvent: options.onEvent,
      failurePolicy: options.failurePolicy,
      taskTimeoutMs: options.taskTimeoutMs,
    });
  } finally {
    host = await workers.finish();
  }
  const threads: WatchedThread[] = watch ? await watch.finish() : [];
  const main = stopMeter();
  const processes: ProcessUsage[] = [
    {
      label: runner.isInProcess ? 'engine (workers inside)' : 'engine',
      pid: process.pid,
      cpuUserMs: main.cpuUserMs,
      cpuSystemMs: main.cpuSystemMs,
      peakRssBytes: main.peakRssBytes,
    },
    ...(host.usage ? [{ label: 'event loop', ...host.usage }] : []),
    ...outcome.usages.map((usage) => ({
      label: `worker ${usage.worker}`,
      pid: usage.pid,
      cpuUserMs: usage.cpuUserMs,
      cpuSystemMs: usage.cpuSystemMs,
      peakRssBytes: usage.peakRssBytes,
    })),
  ];
  processes.push(...stopAppMeter(new Set(processes.map((p) => p.pid))));
  const { usages: _usages, pids: _pids, ...measured } = outcome;
  return {
    ...withThreadStates(measured, threads, threadStatesReason(watch !== null)),
    processes,
    cpuTimeMs: processes.reduce((sum, p) => sum + p.cpuUserMs + p.cpuSystemMs, 0),
    peakRssBytes: processes.reduce((sum, p) => sum + p.peakRssBytes, 0),
    // The loop that ran the tasks: the event loop's own thread where it reported (a host
    // ended by a cancel cannot), else the engine's, where every other model's host answers.
    eventLoopDelay: host.eventLoopDelay ?? main.eventLoopDelay,
    // The measuring side's loop, whatever the model: it only dispatches and samples.
    engineLoopDelay: main.eventLoopDelay,
  };
}
