/**
 * Which watched worker thread occupies each core (issue 17, "Which core"): of the threads that
 * ran since their previous reading, the one whose last CPU (`processor`) is that core; where
 * several did, the one that ran longest. A thread that slept through the interval still names
 * its last CPU, so it counts for nothing. Pure: the sampler thread applies it to the readings
 * it already takes, with no reads of its own.
 */
import { MODELS, type ModelId } from './models';
import type { CoreOccupant } from './results';
import type { ThreadReading } from './thread-states';

/** One thread's two latest readings, both from the sampler's latest read of it. */
export interface ThreadInterval {
  previous: ThreadReading;
  latest: ThreadReading;
}

/**
 * For each of `cores` cores, the index into `threads` of the thread that ran on it in its
 * latest interval, or null where none of them did (idle, other processes, or unknown).
 */
export function coreOccupants(
  cores: number,
  threads: readonly (ThreadInterval | null)[],
): (number | null)[] {
  const occupants: (number | null)[] = Array.from({ length: cores }, () => null);
  const ranNs: number[] = Array.from({ length: cores }, () => 0);
  threads.forEach((interval, index) => {
    if (!interval) return;
    const core = interval.latest.processor;
    const ran = interval.latest.runNs - interval.previous.runNs;
    if (core === null || core < 0 || core >= cores || ran <= 0) return;
    if (ran > ranNs[core]!) {
      ranNs[core] = ran;
      occupants[core] = index;
    }
  });
  return occupants;
}

/** An occupant in words: "Worker threads, worker 2"; "…, workers 0–3 on one thread". */
export function describeOccupant(occupant: CoreOccupant): string {
  const { workers } = occupant;
  const label = MODELS[occupant.model].label;
  if (workers.length === 1) return `${label}, worker ${workers[0]}`;
  const isRange = workers.every((w, i) => i === 0 || w === workers[i - 1]! + 1);
  const list = isRange ? `${workers[0]}–${workers[workers.length - 1]}` : workers.join(', ');
  return `${label}, workers ${list} on one thread`;
}

/** One model's part of the time a core was watched. */
export interface CoreOccupancyShare {
  model: ModelId;
  /** Of the samples that name occupants, the fraction in which this model ran on the core. */
  share: number;
}

/**
 * Which models occupied each core over a saved series, largest share first: per core, the
 * fraction of the samples (those that name occupants) in which each model ran on it. Null
 * when no sample names any (another OS, or a file from before occupants were kept).
 */
export function occupancyByCore(
  series: readonly { cores: readonly number[]; occupants?: readonly (CoreOccupant | null)[] }[],
): CoreOccupancyShare[][] | null {
  const named = series.filter((sample) => sample.occupants !== undefined);
  if (named.length === 0) return null;
  const cores = Math.max(...named.map((sample) => sample.cores.length));
  return Array.from({ length: cores }, (_, core) => {
    const counts = new Map<ModelId, number>();
    for (const sample of named) {
      const model = sample.occupants![core]?.model;
      if (model) counts.set(model, (counts.get(model) ?? 0) + 1);
    }
    return [...counts]
      .map(([model, count]) => ({ model, share: count / named.length }))
      .sort((a, b) => b.share - a.share);
  });
}
