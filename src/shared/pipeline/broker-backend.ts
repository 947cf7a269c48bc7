/**
 * The message-passing pipeline (child-process and utility-process in Node, web-workers in a
 * page without SharedArrayBuffer): producers and consumers share no memory; the host is the
 * broker holding the bounded queue, with credits for backpressure.
 */
import type { SerializedError } from '../errors';
import { CreditBroker } from './credit-broker';
import { participantIndex, type BackendEnd, type PipelineBackend } from './pipeline-backend';
import type { PipelineConfig } from './pipeline-config';
import type { PipelinePeerSpawner } from './pipeline-protocol';
import { PeerGroup } from './peer-group';

/** The backend; `transportNote` says what carries the messages. */
export function createBrokerBackend(
  config: PipelineConfig,
  spawn: PipelinePeerSpawner,
  transportNote: string,
): PipelineBackend {
  const group = new PeerGroup(config, spawn);
  const broker = new CreditBroker(
    config.capacity,
    config.producers,
    config.consumers,
    (role, index, message) => group.post(role, index, message),
  );
  let error: SerializedError | null = null;

  const ended: Promise<BackendEnd> = group.exited.then(() => ({
    leftInQueue: broker.depth,
    maxDepth: broker.maxDepth,
    terminated: group.terminated,
    error,
  }));

  return {
    transport: 'message-passing',
    transportNote,
    hasLock: false,
    start(onTally, onFailure, onThread) {
      return group.start(
        {
          onTally,
          onThread: (role, index, thread) =>
            onThread?.(participantIndex(config, role, index), thread),
          onMessage: (role, index, message) =>
            role === 'producer'
              ? broker.fromProducer(index, message)
              : broker.fromConsumer(index, message),
          onGone: (role, index) =>
            role === 'producer' ? broker.producerGone(index) : broker.consumerGone(index),
          onFailure: (failure) => {
            error ??= failure;
            onFailure(failure);
          },
        },
        (role, index) => ({ type: 'init', role, index, config }),
      );
    },
    go: () => group.broadcast({ type: 'go' }),
    depth: () => broker.depth,
    stopProducers: () => broker.stopProducers(),
    halt: () => broker.halt(),
    kill: () => group.killAll(),
    ended,
  };
}
