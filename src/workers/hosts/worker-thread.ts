/** worker_threads host: adapts parentPort to the shared worker protocol. */
import { parentPort, workerData } from 'node:worker_threads';
import { isHostMessage } from '../../shared/protocol';
import { serveWorker } from '../../shared/serve-worker';
import { getWorkload } from '../../shared/workloads/registry';
import { createNodeTaskEnv } from '../node-task-env';
import { osThreadId } from '../os-thread-id';

const port = parentPort;
if (!port) throw new Error('worker-thread.js must run as a worker thread');

const data = workerData as {
  /** A reference to compute instead of serving tasks: the run's checksum, or each task's. */
  reference?: {
    workload: string;
    params: Record<string, number>;
    taskCount: number;
    isPerTask?: boolean;
  };
  /** The heap limit the runner started this thread with (resourceLimits), in MiB. */
  memoryLimitMb?: number;
} | null;
const reference = data?.reference;
if (reference) {
  // The engine's reference checksum: computed off its event loop, since for some
  // kernels it costs as much as a sequential run.
  const workload = getWorkload(reference.workload);
  if (reference.isPerTask) {
    if (!workload.taskReferences) throw new Error(`${workload.id} has no per-task reference`);
    port.postMessage(workload.taskReferences(reference.params, reference.taskCount));
  } else {
    port.postMessage(workload.reference(reference.params, reference.taskCount));
  }
  port.close();
} else {
  serveWorker(
    {
      post: (message) => port.postMessage(message),
      onMessage: (listener) =>
        port.on('message', (message: unknown) => {
          if (isHostMessage(message)) listener(message);
        }),
    },
    // A thread shares its process: CPU time and memory are the parent's to report.
    { pid: process.pid, tid: osThreadId(), exit: () => port.close() },
    (io) =>
      createNodeTaskEnv(io, {
        // In a worker thread process.exit() ends this thread only, with that exit code.
        exitWorker: (code) => process.exit(code),
        ...(data?.memoryLimitMb === undefined ? {} : { memoryLimitMb: data.memoryLimitMb }),
      }),
  );
}
