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

/** Answers HostMessages on `port` until told to stop. */
export function serveWorker(
  port: WorkerPort,
  facts: WorkerHostFacts,
  makeEnv: TaskEnvFactory,
): void {
  let init: Extract<HostMessage, { type: 'init' }> | null = null;
  let workload: WorkloadDefinition | null = null;
  let env: TaskEnv | null = null;

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
      const answer = workload.runTask(init.params, taskIndex, init.taskCount, env);
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

  port.onMessage((message) => {
    switch (message.type) {
      case 'init':
        init = message;
        workload = null;
        env = makeEnv(message.io);
        port.post({ type: 'ready', runId: message.runId, worker: message.worker, pid: facts.pid });
        return;
      case 'task':
        runTask(message.runId, message.taskIndex);
        return;
      case 'stop': {
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
