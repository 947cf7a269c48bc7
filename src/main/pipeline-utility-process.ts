/**
 * The utility-process pipeline: each producer and consumer is an Electron utilityProcess
 * running the same pipeline-process.js as the child-process model (it talks through
 * process.parentPort there); the engine is the broker. The event-loop model's pipeline runs
 * in one utility process too, so that its consumers never block Electron's main thread.
 */
import { isFromPipelineHost, type PipelineHost } from '../shared/pipeline/hosted-backend';
import {
  isPipelinePeerMessage,
  type PipelinePeer,
  type PipelinePeerSpawner,
} from '../shared/pipeline/pipeline-protocol';
import {
  electronUtilityFork,
  forkUtilityProcess,
  type UtilityFork,
} from './utility-process-handle';

/** A spawner that forks `script` (out/main/…/pipeline-process.js) as utility processes. */
export function utilityPipelineSpawner(
  script: string,
  fork: UtilityFork = electronUtilityFork,
): PipelinePeerSpawner {
  return (role, index): PipelinePeer =>
    forkUtilityProcess(fork, script, `Corelab pipeline ${role} ${index}`, isPipelinePeerMessage);
}

/** The event-loop pipeline's one host: `script` (out/main/…/pipeline-event-loop.js) forked. */
export function utilityPipelineEventLoopHost(
  script: string,
  fork: UtilityFork = electronUtilityFork,
): () => PipelineHost {
  return () => forkUtilityProcess(fork, script, 'Corelab pipeline event loop', isFromPipelineHost);
}
