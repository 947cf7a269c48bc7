/**
 * Which watched worker thread occupies each core (issue 17, "Which core"): of the threads that
 * ran since their previous reading, the one whose last CPU (`processor`) is that core; where
 * several did, the one that ran longest. A thread that slept through the interval still names
 * its last CPU, so it counts for nothing. Pure: the sampler thread applies it to the readings
 * it already takes, with no reads of its own.
 */
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
