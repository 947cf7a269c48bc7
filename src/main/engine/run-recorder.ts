/**
 * Records what a snapshot keeps besides the results: the core samples taken while a run went
 * and when each model began, on the samples' clock, so a reopened timeline lines up with the
 * cores again.
 */
import type { ModelId } from '../../shared/models';
import type { CoreSample, ModelResult } from '../../shared/results';
import type { RunEvent } from '../../shared/run-events';
import { SNAPSHOT_LIMITS } from '../../shared/snapshot';
import type { CoreSampler } from './core-sampler';

/** The recorded series and model start times, aligned with the run's results. */
export interface RunRecording {
  coreSeries: CoreSample[];
  modelStartsMs: (number | null)[];
}

/** A recording in progress. */
export interface RunRecorder {
  /** Feed every event of the run (model-start marks when a model began). */
  onEvent(event: RunEvent): void;
  /** Stops recording; the start times are matched to `results` in order. */
  finish(results: readonly ModelResult[]): RunRecording;
}

/** Starts recording `sampler`'s samples (starting the sampler if it is not running). */
export function startRunRecorder(
  sampler: Pick<CoreSampler, 'subscribe'>,
  now: () => number = Date.now,
): RunRecorder {
  const samples: CoreSample[] = [];
  const starts: { model: ModelId; workers: number; t: number }[] = [];
  const unsubscribe = sampler.subscribe((sample) => {
    // Past the limit the oldest half goes: a snapshot keeps the end of a very long run.
    if (samples.length >= SNAPSHOT_LIMITS.maxCoreSamples) {
      samples.splice(0, SNAPSHOT_LIMITS.maxCoreSamples / 2);
    }
    // Occupants are kept for a live snapshot; the other kinds' schema leaves them out.
    samples.push({
      t: sample.t,
      cores: [...sample.cores],
      ...(sample.occupants ? { occupants: [...sample.occupants] } : {}),
    });
  });
  return {
    onEvent(event) {
      if (event.type === 'model-start') {
        starts.push({ model: event.model, workers: event.workers, t: now() });
      }
    },
    finish(results) {
      unsubscribe();
      const unused = [...starts];
      const modelStartsMs = results.map((result) => {
        // With rounds, the figures are one round's: its own start is the one to line up.
        if (result.startedAtEpochMs !== undefined) return result.startedAtEpochMs;
        const index = unused.findIndex(
          (s) => s.model === result.model && s.workers === result.workers,
        );
        if (index === -1) return null;
        return unused.splice(index, 1)[0]!.t;
      });
      return { coreSeries: samples, modelStartsMs };
    },
  };
}
