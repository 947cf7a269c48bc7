/**
 * Messages between a pipeline's host and each producer or consumer it spawned (a thread, a
 * process or a Web Worker). With a shared-memory queue only init, ready, tally and bye
 * travel; with message passing the host is the broker, and events and credits travel too.
 */
import type { SerializedError } from '../errors';
import type { WatchedThreadId } from '../sampler-protocol';
import type { PipelineConfig } from './pipeline-config';
import type { PipelineEvent } from './pipeline-event';
import type { PipelineTally } from './pipeline-tally';

export type PipelineRole = 'producer' | 'consumer';

/** From the host to one participant. */
export type PipelineHostMessage =
  /** Who to be; `buffer` present: use the shared-memory queue in it, else message passing. */
  | {
      type: 'init';
      role: PipelineRole;
      index: number;
      config: PipelineConfig;
      buffer?: SharedArrayBuffer;
    }
  /** Message passing: start producing or consuming. */
  | { type: 'go' }
  /**
   * To a producer: the broker reserved room for one more event. `heldMs`: how long the ask
   * waited in the broker for room (a full queue); the rest of the wait was the messages'.
   */
  | { type: 'credit'; heldMs: number }
  /** To a consumer: the event it asked for; `heldMs`: how long the ask waited for one. */
  | { type: 'event'; event: PipelineEvent; heldMs: number }
  /** To a producer: stop emitting (graceful stop). */
  | { type: 'stop' }
  /** To a consumer: the queue is drained and closed, or halted; finish and leave. */
  | { type: 'end' }
  /** To everyone: forced stop; finish the event in hand, report, leave. */
  | { type: 'halt' };

/** From a participant to the host. */
export type PipelinePeerMessage =
  /** `thread`: the OS thread that runs the role, where the host can tell (Linux). */
  | { type: 'ready'; thread?: WatchedThreadId | null }
  | { type: 'tally'; tally: PipelineTally }
  /** A producer asks for its first credit. */
  | { type: 'want' }
  /** A producer puts an event (spending its credit) and asks for the next credit. */
  | { type: 'put'; event: PipelineEvent }
  /** A consumer asks for an event; it has finished the one before, if any. */
  | { type: 'take' }
  /** Sent after the final tally, just before the participant exits. */
  | { type: 'bye' }
  | { type: 'error'; error: SerializedError };

/** Type guard for a message arriving at a participant. */
export function isPipelineHostMessage(value: unknown): value is PipelineHostMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Type guard for a message arriving at the host. */
export function isPipelinePeerMessage(value: unknown): value is PipelinePeerMessage {
  return isPipelineHostMessage(value);
}

/** The least a transport offers a participant: send one message, receive them all. */
export interface PipelinePeerPort {
  post(message: PipelinePeerMessage): void;
  onMessage(listener: (message: PipelineHostMessage) => void): void;
}

/** How a participant ended, as its transport saw it. */
export interface PeerExit {
  code: number | null;
  signal: string | null;
  error?: SerializedError;
}

/** One participant as the host sees it; each transport (thread, process, page) provides one. */
export interface PipelinePeer {
  post(message: PipelineHostMessage): void;
  onMessage(listener: (message: PipelinePeerMessage) => void): void;
  /** Called once, when the participant is gone. */
  onExit(listener: (exit: PeerExit) => void): void;
  /** Ends it at once (terminate, SIGKILL). */
  kill(): void;
}

/** Spawns producer or consumer `index` on some transport. */
export type PipelinePeerSpawner = (role: PipelineRole, index: number) => PipelinePeer;
