/**
 * Messages between the core sampler (src/main/engine/core-sampler.ts) and its worker thread
 * (src/workers/hosts/sampler-thread.ts). Plain objects: they are structured-cloned.
 */
import type { SamplerStats } from './lab-api';
import type { CoreSample } from './results';
import type { ThreadReading } from './thread-states';

/** An OS thread to watch: /proc/<pid>/task/<tid>. */
export interface WatchedThreadId {
  pid: number;
  tid: number;
}

/** One watched thread: the watch, and the thread's place in it (the order it was added). */
export interface WatchedThreadRef {
  watchId: number;
  thread: number;
}

/** What a watch keeps of its threads' readings. */
export type WatchKeep = 'all' | 'latest';

/** Where the per-core numbers come from. */
export type SamplerSource = SamplerStats['source'];

/** The sampler thread's workerData. */
export interface SamplerWorkerData {
  hz: number;
}

/** Engine → sampler thread. */
export type SamplerCommand =
  | { type: 'set-hz'; hz: number }
  /**
   * Start reading these threads' scheduler counters on the sampler's ticks, under one watch,
   * keeping every reading (a run's thread states) or the latest two (an endless live run's
   * occupants of each core).
   */
  | { type: 'watch-threads'; watchId: number; threads: WatchedThreadId[]; keep: WatchKeep }
  /** Read the watch's threads a last time and send back all their readings. */
  | { type: 'end-watch'; watchId: number }
  /** Release the thread's descriptors and exit. */
  | { type: 'stop' };

/** What the sampler thread measured about itself since it started sampling at the current rate. */
export interface SamplerCost {
  samples: number;
  /** Mean wall time (performance.now) of one read + parse, in ms. */
  meanSampleCostMs: number;
  /**
   * CPU time of the whole sampler thread (timers, messaging and GC included), in ms; null
   * where the OS gives no per-thread figure (only Linux does, through /proc/thread-self).
   */
  threadCpuMs: number | null;
  /** Wall time over which threadCpuMs was spent, in ms. */
  elapsedMs: number;
}

/** Sampler thread → engine. */
export type SamplerReport =
  | { type: 'ready'; source: SamplerSource }
  | {
      type: 'sample';
      sample: CoreSample;
      cost: SamplerCost;
      /**
       * For each core, the watched thread that last ran on it (core-occupancy.ts); null while
       * no watch is open, and for a core where none ran.
       */
      occupants: (WatchedThreadRef | null)[] | null;
    }
  /** A watch's readings, one list per thread in the order they were added. */
  | { type: 'thread-readings'; watchId: number; readings: ThreadReading[][] };
