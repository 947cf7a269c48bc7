/** Pipeline participants in the page: one Web Worker each, running src/workers/pipeline-web-worker.ts. */
import {
  isPipelinePeerMessage,
  type PeerExit,
  type PipelinePeer,
  type PipelineRole,
} from '../../shared/pipeline/pipeline-protocol';

/** Starts producer or consumer `index` as a Web Worker. */
export function spawnPipelineWebWorker(role: PipelineRole, index: number): PipelinePeer {
  // Written out in full so the bundler finds and bundles the worker entry.
  const worker = new Worker(new URL('../../workers/pipeline-web-worker.ts', import.meta.url), {
    type: 'module',
    name: `corelab-pipeline-${role}-${index}`,
  });
  let onExit: ((exit: PeerExit) => void) | null = null;
  let isExited = false;
  const exit = (result: PeerExit): void => {
    if (isExited) return;
    isExited = true;
    worker.terminate();
    // A Web Worker has no exit event; report it a macrotask later, as a thread would.
    setTimeout(() => onExit?.(result), 0);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    exit({
      code: null,
      signal: null,
      error: { name: 'Error', message: event.message || 'the worker failed to load' },
    });
  };
  return {
    post: (message) => {
      if (!isExited) worker.postMessage(message);
    },
    onMessage(listener) {
      worker.onmessage = (event: MessageEvent) => {
        if (!isPipelinePeerMessage(event.data)) return;
        listener(event.data);
        // `bye` is a participant's last word: it has ended.
        if (event.data.type === 'bye') exit({ code: 0, signal: null });
      };
    },
    onExit: (listener) => (onExit = listener),
    kill: () => exit({ code: null, signal: 'terminate' }),
  };
}
