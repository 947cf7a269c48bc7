/**
 * The threaded pipeline (worker-threads in Node, web-workers in an isolated page): every
 * producer and consumer is a thread, and the queue is an AtomicsRingQueue in a
 * SharedArrayBuffer they all map. The host only starts, stops and watches; it never blocks.
 */
import type { SerializedError } from '../errors';
import { AtomicsRingQueue } from './atomics-queue';
import { participantIndex, type BackendEnd, type PipelineBackend } from './pipeline-backend';
import type { PipelineConfig } from './pipeline-config';
import type { PipelinePeerSpawner } from './pipeline-protocol';
import { PeerGroup } from './peer-group';

/** The backend; `transportNote` says which threads these are. */
export function createSharedMemoryBackend(
  config: PipelineConfig,
  spawn: PipelinePeerSpawner,
  transportNote: string,
): PipelineBackend {
  const buffer = AtomicsRingQueue.createBuffer(config.capacity, config.producers);
  const queue = new AtomicsRingQueue(buffer);
  const group = new PeerGroup(config, spawn);
  let error: SerializedError | null = null;
  let producersLeft = config.producers;

  const ended: Promise<BackendEnd> = group.exited.then(() => ({
    leftInQueue: queue.depth(),
    maxDepth: queue.maxDepth(),
    terminated: group.terminated,
    error,
  }));

  return {
    transport: 'shared-memory',
    transportNote,
    hasLock: true,
    start(onTally, onFailure, onThread) {
      return group.start(
        {
          onTally,
          onThread: (role, index, thread) =>
            onThread?.(participantIndex(config, role, index), thread),
          onMessage: () => undefined,
          onGone: (role) => {
            // A producer that crashed never told the queue; once all are gone, say so for them.
            if (role === 'producer' && --producersLeft === 0) queue.markProducersGone();
          },
          onFailure: (failure) => {
            error ??= failure;
            onFailure(failure);
          },
        },
        (role, index) => ({ type: 'init', role, index, config, buffer }),
      );
    },
    go: () => queue.go(),
    depth: () => queue.depth(),
    stopProducers: () => queue.stopProducers(),
    halt: () => queue.halt(),
    kill: () => group.killAll(),
    ended,
  };
}
