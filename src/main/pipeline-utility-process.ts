/**
 * The utility-process pipeline: each producer and consumer is an Electron utilityProcess
 * running the same pipeline-process.js as the child-process model (it talks through
 * process.parentPort there); the engine is the broker.
 */
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
