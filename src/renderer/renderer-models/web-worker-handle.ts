/** The web-workers model's PoolWorker: one Web Worker speaking the shared protocol. */
import { isWorkerMessage, type HostMessage } from '../../shared/protocol';
import type { PoolWorker } from '../../shared/pool/run-pool';
import { wrapWebWorker } from '../wrap-web-worker';

/** Starts one Web Worker running src/workers/web-worker.ts. */
export function spawnWebWorker(index: number): PoolWorker {
  // Written out in full so the bundler finds and bundles the worker entry.
  const worker = new Worker(new URL('../../workers/web-worker.ts', import.meta.url), {
    type: 'module',
    name: `corelab-web-worker-${index}`,
  });
  return wrapWebWorker(worker, {
    isMessage: isWorkerMessage,
    // The pool sends `stop` only to an idle worker, and a Web Worker has no usage to
    // report, so it can be ended at once: nothing it could still say is lost.
    isLastPost: (message: HostMessage) => message.type === 'stop',
    isUnreadableMessageFatal: true,
  });
}
