/** Pipeline participants in Node: worker_threads for the shared-memory queue, forks for messages. */
import {
  isPipelinePeerMessage,
  type PipelinePeer,
  type PipelinePeerSpawner,
} from '../../../shared/pipeline/pipeline-protocol';
import { forkNodeProcess, spawnWorkerThread } from '../node-spawn';

/** Each participant is a worker_threads Worker running pipeline-thread.js. */
export function threadPeerSpawner(script: string): PipelinePeerSpawner {
  return (): PipelinePeer => spawnWorkerThread(script, { isMessage: isPipelinePeerMessage });
}

/** Each participant is a forked Node process running pipeline-process.js. */
export function processPeerSpawner(script: string): PipelinePeerSpawner {
  return (): PipelinePeer => forkNodeProcess(script, { isMessage: isPipelinePeerMessage });
}
