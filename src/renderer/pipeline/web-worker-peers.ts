/** Pipeline participants in the page: one Web Worker each, running src/workers/pipeline-web-worker.ts. */
import {
  isPipelinePeerMessage,
  type PipelinePeer,
  type PipelineRole,
} from '../../shared/pipeline/pipeline-protocol';
import { wrapWebWorker } from '../wrap-web-worker';

/** Starts producer or consumer `index` as a Web Worker. */
export function spawnPipelineWebWorker(role: PipelineRole, index: number): PipelinePeer {
  // Written out in full so the bundler finds and bundles the worker entry.
  const worker = new Worker(new URL('../../workers/pipeline-web-worker.ts', import.meta.url), {
    type: 'module',
    name: `corelab-pipeline-${role}-${index}`,
  });
  return wrapWebWorker(worker, {
    isMessage: isPipelinePeerMessage,
    // `bye` is a participant's last word: it has ended.
    isLastMessage: (message) => message.type === 'bye',
  });
}
