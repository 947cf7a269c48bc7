/** The seam between the model-independent run (pipeline-run.ts) and each model's queue. */
import type { SerializedError } from '../errors';
import type { WatchedThreadId } from '../sampler-protocol';
import type { PipelineConfig } from './pipeline-config';
import type { PipelineRole } from './pipeline-protocol';
import type { PipelineTransport } from './pipeline-result';
import type { PipelineTally } from './pipeline-tally';

/** What the queue knows at the end of a run. */
export interface BackendEnd {
  leftInQueue: number;
  maxDepth: number;
  /** Participants that had to be terminated. */
  terminated: number;
  /** Set when a participant failed (crashed, or reported an error). */
  error: SerializedError | null;
}

/** Told the OS thread of participant `participant` (producers first, then consumers). */
export type OnParticipantThread = (participant: number, thread: WatchedThreadId) => void;

/** A participant's number among all of a run's: producers first, then consumers. */
export function participantIndex(
  config: PipelineConfig,
  role: PipelineRole,
  index: number,
): number {
  return role === 'producer' ? index : config.producers + index;
}

/** One model's producers, consumers and queue, driven by runPipeline. */
export interface PipelineBackend {
  readonly transport: PipelineTransport;
  /** One sentence on what the queue is, for the result. */
  readonly transportNote: string;
  /** True when the queue has a lock whose wait is measured. */
  readonly hasLock: boolean;
  /**
   * Spawns every producer and consumer and resolves once all are ready; tallies go to
   * `onTally`, and `onFailure` is called once if a participant fails. `onThread` learns the
   * OS thread of each participant that can tell (participantIndex numbers them).
   */
  start(
    onTally: (tally: PipelineTally) => void,
    onFailure: (error: SerializedError) => void,
    onThread?: OnParticipantThread,
  ): Promise<void>;
  /** Lets everyone start producing and consuming. */
  go(): void;
  /** Events in the queue now. */
  depth(): number;
  /** Graceful stop: producers stop, consumers drain the queue, then everyone ends. */
  stopProducers(): void;
  /** Forced stop: everyone finishes what is in hand and ends; the queue keeps the rest. */
  halt(): void;
  /** Terminates whoever is still running. */
  kill(): void;
  /** Resolves once every participant has ended (or was killed). */
  readonly ended: Promise<BackendEnd>;
}
