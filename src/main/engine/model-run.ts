/** Runs one model on one workload and turns the pool's figures into a ModelResult. */
import type { ModelResult, ProcessUsage } from '../../shared/results';
import type { RunEvent } from '../../shared/run-events';
import { runPool, type FailurePolicy } from '../../shared/pool/run-pool';
import type { IoConfig } from '../../shared/protocol';
import type { WorkloadParams } from '../../shared/workloads/types';
import { startProcessMeter } from './process-meter';
import type { Runner } from './runner';

export interface ModelRunOptions {
  runId: string;
  runner: Runner;
  workers: number;
  workload: string;
  params: WorkloadParams;
  taskCount: number;
  io: IoConfig;
  expectedChecksum: number | null;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  failurePolicy?: FailurePolicy;
}

/** Runs the model and measures it, including the engine process's own cost. */
export async function runModel(options: ModelRunOptions): Promise<ModelResult> {
  const { runner } = options;
  const stopMeter = startProcessMeter();
  const outcome = await runPool({
    runId: options.runId,
    model: runner.model,
    workers: options.workers,
    workload: options.workload,
    params: options.params,
    taskCount: options.taskCount,
    io: options.io,
    spawn: (index) => runner.spawn(index),
    expectedChecksum: options.expectedChecksum,
    signal: options.signal,
    onEvent: options.onEvent,
    failurePolicy: options.failurePolicy,
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
