/**
 * Web Worker host of the web-workers model: adapts the worker's postMessage/onmessage to
 * the shared worker protocol. A page has timers but no file system, so its tasks get only
 * `sleep`; workloads that need more are offered to Node-side models only.
 */
import { serializeError } from '../shared/errors';
import { isHostMessage } from '../shared/protocol';
import {
  REFERENCE_WORKER_NAME,
  type ReferenceReply,
  type ReferenceRequest,
} from '../shared/reference-worker-protocol';
import { serveWorker } from '../shared/serve-worker';
import type { TaskEnv } from '../shared/workloads/types';
import { getWorkload } from '../shared/workloads/registry';

/** The part of DedicatedWorkerGlobalScope this host uses (the DOM lib types `self` as Window). */
interface WorkerScope {
  name: string;
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

const scope = self as unknown as WorkerScope;

const pageTaskEnv = (): TaskEnv => ({
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

if (scope.name === REFERENCE_WORKER_NAME) {
  // The run's (or each task's) expected checksum: for some kernels it costs a sequential run, which on the
  // page's own thread would freeze the window for seconds.
  scope.onmessage = (event) => {
    const request = event.data as ReferenceRequest;
    let reply: ReferenceReply;
    try {
      const workload = getWorkload(request.workload);
      if (!request.isPerTask) {
        reply = { checksum: workload.reference(request.params, request.taskCount) };
      } else if (workload.taskReferences) {
        reply = { checksums: workload.taskReferences(request.params, request.taskCount) };
      } else {
        throw new Error(`${workload.id} has no per-task reference`);
      }
    } catch (error) {
      reply = { error: serializeError(error) };
    }
    scope.postMessage(reply);
    scope.close();
  };
} else {
  serveWorker(
    {
      post: (message) => scope.postMessage(message),
      onMessage: (listener) => {
        scope.onmessage = (event) => {
          if (isHostMessage(event.data)) listener(event.data);
        };
      },
    },
    // A Web Worker shares the renderer process: there is no pid or usage of its own.
    { pid: 0, exit: () => scope.close() },
    pageTaskEnv,
  );
}
