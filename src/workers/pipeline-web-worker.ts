/**
 * Web Worker host of a pipeline producer or consumer in the page: on the shared-memory queue
 * when the page handed it a SharedArrayBuffer (cross-origin isolated), by messages otherwise.
 */
import { isPipelineHostMessage } from '../shared/pipeline/pipeline-protocol';
import { servePipelinePeer } from '../shared/pipeline/serve-pipeline-peer';

/** The part of DedicatedWorkerGlobalScope this host uses (the DOM lib types `self` as Window). */
interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

const scope = self as unknown as WorkerScope;

servePipelinePeer(
  {
    post: (message) => scope.postMessage(message),
    onMessage: (listener) => {
      scope.onmessage = (event) => {
        if (isPipelineHostMessage(event.data)) listener(event.data);
      };
    },
  },
  // The page ends the worker when it sees `bye`; closing here as well frees it sooner.
  () => scope.close(),
);
