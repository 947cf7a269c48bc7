/**
 * The worker side of the protocol, written once: every host in src/workers only adapts
 * its transport to a WorkerPort and calls serveWorker.
 */
import { serializeError } from './errors';
import { epochNowMs, type HostMessage, type WorkerHostFacts, type WorkerPort } from './protocol';
import type { TaskEnv, WorkloadDefinition } from './workloads/types';
import { getWorkload } from './workloads/registry';
import type { IoConfig } from './protocol';

/** Builds the task environment for a run from its I/O config (host-specific). */
export type TaskEnvFactory = (io: IoConfig) => TaskEnv;

/**
 * Log lines one worker may send per window. A kernel that logs in a tight loop would
 * otherwise bury its host in messages (fault.flood): the host drains a worker's queue in
 * one go, so a million queued lines freeze its event loop. Lines over the budget are
 * counted and the count travels with the next line sent, or on `stop`.
 */
export const LOG_LINES_PER_WINDOW = 100;
const LOG_WINDOW_MS = 1000;
/** A longer log line is cut: the budget is of lines, and a line must not be a megabyte. */
export const MAX_LOG_LINE_CHARS = 1000;

/** A fixed-window budget over `send`; flush() reports lines still held back. */
function logBudget(send: (message: string, dropped: number) => void): {
  log(message: string): void;
  flush(): void;
} {
  let windowStartMs = -Infinity;
  let sent = 0;
  let dropped = 0;
  return {
    log(message) {
      const nowMs = performance.now();
      if (nowMs - windowStartMs >= LOG_WINDOW_MS) {
        windowStartMs = nowMs;
        sent = 0;
      }
      if (sent >= LOG_LINES_PER_WINDOW) {
        dropped++;
        return;
      }
      sent++;
      send(String(message).slice(0, MAX_LOG_LINE_CHARS), dropped);
      dropped = 0;
    },
    flush() {
      if (dropped > 0) send('', dropped);
      dropped = 0;
    },
  };
}

/**
 * Splits a CPU kernel's work this finely for the warm-up task: its task 0 is then a sliver
 * that compiles the kernel's code without costing the run measurable time.
 */
const WARMUP_SPLIT = 4096;

/** Answers HostMessages on `port` until told to stop. */
export function serveWorker(
  port: WorkerPort,
  facts: WorkerHostFacts,
  makeEnv: TaskEnvFactory,
): void {
  let init: Extract<HostMessage, { type: 'init' }> | null = null;
  let workload: WorkloadDefinition | null = null;
  let env: TaskEnv | null = null;
  let logs: ReturnType<typeof logBudget> | null = null;

  const fail = (runId: string, taskIndex: number, startEpochMs: number, error: unknown): void =>
    port.post({
      type: 'error',
      runId,
      taskIndex,
      error: serializeError(error),
      startEpochMs,
      endEpochMs: epochNowMs(),
    });
  const succeed = (runId: string, taskIndex: number, startEpochMs: number, checksum: number) =>
    port.post({
      type: 'result',
      runId,
      taskIndex,
      checksum,
      startEpochMs,
      endEpochMs: epochNowMs(),
    });

  // Synchronous kernels answer in the same turn: an await per task would add a microtask
  // hop that tiny tasks feel (the dispatch benchmark measures exactly this path).
  const runTask = (runId: string, taskIndex: number): void => {
    const startEpochMs = epochNowMs();
    try {
      if (!init || !env) throw new Error('task before init');
      // Resolved once per run; an unknown id throws getWorkload's message on each task.
      workload ??= getWorkload(init.workload);
      // A live run's indices grow past the task count: it cycles through the same tasks.
      const answer = workload.runTask(init.params, taskIndex % init.taskCount, init.taskCount, env);
      if (typeof answer === 'number') {
        succeed(runId, taskIndex, startEpochMs, answer);
      } else {
        answer.then(
          (checksum) => succeed(runId, taskIndex, startEpochMs, checksum),
          (error: unknown) => fail(runId, taskIndex, startEpochMs, error),
        );
      }
    } catch (error) {
      fail(runId, taskIndex, startEpochMs, error);
    }
  };

  // Only CPU kernels are run: an I/O task would sleep or fetch, and a fault task must not
  // fire before the run. The answer is discarded; a failure shows again in the real task.
  const warmUp = (runId: string): void => {
    const warm = (): void => port.post({ type: 'warm', runId });
    try {
      if (!init || !env) throw new Error('warm-up before init');
      workload ??= getWorkload(init.workload);
      if (workload.kind !== 'cpu') return warm();
      const answer = workload.runTask(init.params, 0, WARMUP_SPLIT, env);
      if (typeof answer === 'number') return warm();
      answer.then(warm, warm);
    } catch {
      // An unknown workload or a kernel that throws fails its real tasks with the message.
      warm();
    }
  };

  port.onMessage((message) => {
    switch (message.type) {
      case 'init':
        init = message;
        workload = null;
        logs?.flush();
        logs = logBudget((text, dropped) =>
          port.post({
            type: 'log',
            runId: message.runId,
            message: text,
            ...(dropped > 0 ? { dropped } : {}),
          }),
        );
        env = { ...makeEnv(message.io), log: logs.log };
        port.post({
          type: 'ready',
          runId: message.runId,
          worker: message.worker,
          pid: facts.pid,
          tid: facts.tid ?? null,
        });
        return;
      case 'warmup':
        warmUp(message.runId);
        return;
      case 'task':
        runTask(message.runId, message.taskIndex);
        return;
      case 'size':
        if (init) init = { ...init, params: message.params, taskCount: message.taskCount };
        return;
      case 'stop': {
        logs?.flush();
        const usage = facts.usage?.();
        if (usage) port.post({ type: 'usage', runId: message.runId, pid: facts.pid, ...usage });
        facts.exit();
        return;
      }
      default: {
        const unknown: never = message;
        throw new Error(`unknown host message ${JSON.stringify(unknown)}`);
      }
    }
  });
}
