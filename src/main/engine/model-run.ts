/** Runs one model on one workload once and turns the pool's figures into a round's result. */
import type { ProcessUsage } from '../../shared/results';
import type { RoundResult } from '../../shared/rounds';
import { runPool } from '../../shared/pool/run-pool';
import { startProcessMeter } from './process-meter';
import type { ModelRunner, ModelRunRequest } from './runner';

export interface ModelRunOptions extends ModelRunRequest {
  runner: ModelRunner;
}

/** Runs the model and measures it, including the engine process's own cost. */
export async function runModel(options: ModelRunOptions): Promise<RoundResult> {
  const { runner } = options;
  // A self-pooling runner (Python) measures its run itself, the same figures as below.
  if ('runModel' in runner) return runner.runModel(options);
  const stopMeter = startProcessMeter();
  const outcome = await runPool({
    runId: options.runId,
    model: runner.model,
    workers: options.workers,
    workload: options.workload,
    params: options.params,
    taskCount: options.taskCount,
    io: options.io,
    spawn: (index) => runner.spawn(index, { memoryLimitMb: options.memoryLimitMb }),
    expectedChecksum: options.expectedChecksum,
    signal: options.signal,
    onEvent: options.onEvent,
    failurePolicy: options.failurePolicy,
    taskTimeoutMs: options.taskTimeoutMs,
  });
  const main = stopMeter();
  const processes: ProcessUsage[] = [
    {
      label: runner.isInProcess ? 'engine (workers inside)' : 'engine',
      pid: process.pid,
      cpuUserMs: main.cpuUserMs,
      cpuSystemMs: main.cpuSystemMs,
      peakRssBytes: main.peakRssBytes,
    },
    ...outcome.usages.map((usage) => ({
      label: `worker ${usage.worker}`,
      pid: usage.pid,
      cpuUserMs: usage.cpuUserMs,
      cpuSystemMs: usage.cpuSystemMs,
      peakRssBytes: usage.peakRssBytes,
    })),
  ];
  const { usages: _usages, pids: _pids, ...measured } = outcome;
  return {
    ...measured,
    processes,
    cpuTimeMs: processes.reduce((sum, p) => sum + p.cpuUserMs + p.cpuSystemMs, 0),
    peakRssBytes: processes.reduce((sum, p) => sum + p.peakRssBytes, 0),
    eventLoopDelay: main.eventLoopDelay,
  };
}
