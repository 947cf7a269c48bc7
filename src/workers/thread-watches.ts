/**
 * The thread-state half of the sampler thread: for each watch (one model's run), the
 * scheduler counters of every worker thread, read on the sampler's ticks. Descriptors stay
 * open, as for /proc/stat: two small procfs reads per thread per tick.
 */
import { epochNowMs } from '../shared/protocol';
import { coreOccupants, type ThreadInterval } from '../shared/core-occupancy';
import type { WatchKeep, WatchedThreadId, WatchedThreadRef } from '../shared/sampler-protocol';
import { parseSchedstat, parseTaskProcessor, type ThreadReading } from '../shared/thread-states';
import { openProcFile, type ProcFile } from './proc-file';

/** One watched thread: its open files and what was read so far. */
interface Watched {
  stat: ProcFile | null;
  schedstat: ProcFile | null;
  readings: ThreadReading[];
  keep: WatchKeep;
  /** Whether the latest read of every thread added to its readings (it may have exited since). */
  isFresh: boolean;
}

/** The watches of one sampler thread. */
export interface ThreadWatches {
  /** Adds threads to a watch (opening it), and reads them at once: their baseline. */
  add(watchId: number, threads: readonly WatchedThreadId[], keep: WatchKeep): void;
  /** Reads every watched thread; called on the ticks the cost budget allows. */
  readAll(): void;
  /**
   * The watched thread that ran on each of `cores` cores between its two latest readings
   * (core-occupancy.ts), or null while nothing is watched.
   */
  occupants(cores: number): (WatchedThreadRef | null)[] | null;
  /** Reads the watch's threads a last time, closes them and returns every reading. */
  end(watchId: number): ThreadReading[][];
  closeAll(): void;
}

// stat is ~300 bytes and schedstat ~30: small buffers, since a watch may hold hundreds.
const STAT_BYTES = 1024;
/** Readings kept per thread: an hour at 10 Hz; a longer run keeps its first hour. */
const MAX_READINGS = 36_000;

function open(id: WatchedThreadId, keep: WatchKeep): Watched {
  const base = `/proc/${id.pid}/task/${id.tid}`;
  const tryOpen = (path: string): ProcFile | null => {
    try {
      return openProcFile(path, STAT_BYTES);
    } catch {
      // The thread is already gone, or /proc hides it: it gives no readings.
      return null;
    }
  };
  return {
    stat: tryOpen(`${base}/stat`),
    schedstat: tryOpen(`${base}/schedstat`),
    readings: [],
    keep,
    isFresh: false,
  };
}

function close(watched: Watched): void {
  watched.stat?.close();
  watched.schedstat?.close();
  watched.stat = null;
  watched.schedstat = null;
}

function read(watched: Watched): void {
  watched.isFresh = false;
  if (!watched.schedstat) return;
  if (watched.keep === 'latest' && watched.readings.length >= 2) watched.readings.shift();
  if (watched.readings.length >= MAX_READINGS) return;
  try {
    const counters = parseSchedstat(watched.schedstat.readBytes());
    if (!counters) return;
    const processor = watched.stat ? parseTaskProcessor(watched.stat.readBytes()) : null;
    watched.readings.push({ tEpochMs: epochNowMs(), ...counters, processor });
    watched.isFresh = true;
  } catch {
    // ESRCH: the thread has exited since; its readings so far stand.
    close(watched);
  }
}

/** Each core's occupant among every open watch's threads. */
function occupantsOf(watches: Map<number, Watched[]>, cores: number): (WatchedThreadRef | null)[] {
  const refs: WatchedThreadRef[] = [];
  const intervals: (ThreadInterval | null)[] = [];
  for (const [watchId, list] of watches) {
    for (const [thread, watched] of list.entries()) {
      const { readings } = watched;
      refs.push({ watchId, thread });
      intervals.push(
        watched.isFresh && readings.length >= 2
          ? { previous: readings[readings.length - 2]!, latest: readings[readings.length - 1]! }
          : null,
      );
    }
  }
  return coreOccupants(cores, intervals).map((index) => (index === null ? null : refs[index]!));
}

/** Creates the sampler thread's set of watches. */
export function createThreadWatches(): ThreadWatches {
  const watches = new Map<number, Watched[]>();
  // Every sample asks, the budget reads on some ticks only: computed once per new reading.
  let cached: { cores: number; occupants: (WatchedThreadRef | null)[] | null } | null = null;
  return {
    add(watchId, threads, keep) {
      cached = null;
      let list = watches.get(watchId);
      if (!list) watches.set(watchId, (list = []));
      for (const id of threads) {
        const watched = open(id, keep);
        read(watched);
        list.push(watched);
      }
    },
    readAll() {
      cached = null;
      for (const list of watches.values()) for (const watched of list) read(watched);
    },
    occupants(cores) {
      if (cached?.cores === cores) return cached.occupants;
      cached = { cores, occupants: watches.size === 0 ? null : occupantsOf(watches, cores) };
      return cached.occupants;
    },
    end(watchId) {
      cached = null;
      const list = watches.get(watchId) ?? [];
      watches.delete(watchId);
      return list.map((watched) => {
        read(watched);
        close(watched);
        return watched.readings;
      });
    },
    closeAll() {
      cached = null;
      for (const list of watches.values()) list.forEach(close);
      watches.clear();
    },
  };
}
