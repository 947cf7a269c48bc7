/**
 * The worker side of the protocol, written once: every host in src/workers only adapts
 * its transport to a WorkerPort and calls serveWorker.
 */
import { serializeError } from './errors';
import { epochNowMs, type HostMessage, type WorkerHostFacts, type WorkerPort } from './protocol';
import type { TaskEnv } from './workloads/types';
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
  let env: TaskEnv | null = null;

  const runTask = async (runId: string, taskIndex: number): Promise<void> => {
    const startEpochMs = epochNowMs();
    try {
      if (!init || !env) throw new Error('task before init');
      const workload = getWorkload(init.workload);
      const checksum = await workload.runTask(init.params, taskIndex, init.taskCount, env);
      port.post({
        type: 'result',
        runId,
        taskIndex,
        checksum,
        startEpochMs,
        endEpochMs: epochNowMs(),
      });
    } catch (error) {
      port.post({
        type: 'error',
        runId,
        taskIndex,
        error: serializeError(error),
        startEpochMs,
        endEpochMs: epochNowMs(),
      });
    }
  };

  port.onMessage((message) => {
    switch (message.type) {
      case 'init':
        init = message;
        env = makeEnv(message.io);
        port.post({ type: 'ready', runId: message.runId, worker: message.worker, pid: facts.pid });
        return;
      case 'task':
        void runTask(message.runId, message.taskIndex);
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
