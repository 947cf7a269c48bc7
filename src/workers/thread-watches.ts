/**
 * The thread-state half of the sampler thread: for each watch (one model's run), the
 * scheduler counters of every worker thread, read on the sampler's ticks. Descriptors stay
 * open, as for /proc/stat: two small procfs reads per thread per tick.
 */
import { epochNowMs } from '../shared/protocol';
import type { WatchedThreadId } from '../shared/sampler-protocol';
import { parseSchedstat, parseTaskProcessor, type ThreadReading } from '../shared/thread-states';
import { openProcFile, type ProcFile } from './proc-file';

/** One watched thread: its open files and what was read so far. */
interface Watched {
  stat: ProcFile | null;
  schedstat: ProcFile | null;
  readings: ThreadReading[];
}

/** The watches of one sampler thread. */
export interface ThreadWatches {
  /** Adds threads to a watch (opening it), and reads them at once: their baseline. */
  add(watchId: number, threads: readonly WatchedThreadId[]): void;
  /** Reads every watched thread; called on each tick. */
  readAll(): void;
  /** Reads the watch's threads a last time, closes them and returns every reading. */
  end(watchId: number): ThreadReading[][];
  closeAll(): void;
}

// stat is ~300 bytes and schedstat ~30: small buffers, since a watch may hold hundreds.
const STAT_BYTES = 1024;
/** Readings kept per thread: an hour at 10 Hz; a longer run keeps its first hour. */
const MAX_READINGS = 36_000;

function open(id: WatchedThreadId): Watched {
  const base = `/proc/${id.pid}/task/${id.tid}`;
  const tryOpen = (path: string): ProcFile | null => {
    try {
      return openProcFile(path, STAT_BYTES);
    } catch {
      // The thread is already gone, or /proc hides it: it gives no readings.
      return null;
    }
  };
  return { stat: tryOpen(`${base}/stat`), schedstat: tryOpen(`${base}/schedstat`), readings: [] };
}

function close(watched: Watched): void {
  watched.stat?.close();
  watched.schedstat?.close();
  watched.stat = null;
  watched.schedstat = null;
}

function read(watched: Watched): void {
  if (!watched.schedstat || watched.readings.length >= MAX_READINGS) return;
  try {
    const counters = parseSchedstat(watched.schedstat.readBytes());
    if (!counters) return;
    const processor = watched.stat ? parseTaskProcessor(watched.stat.readBytes()) : null;
    watched.readings.push({ tEpochMs: epochNowMs(), ...counters, processor });
  } catch {
    // ESRCH: the thread has exited since; its readings so far stand.
    close(watched);
  }
}

/** Creates the sampler thread's set of watches. */
export function createThreadWatches(): ThreadWatches {
  const watches = new Map<number, Watched[]>();
  return {
    add(watchId, threads) {
      let list = watches.get(watchId);
      if (!list) watches.set(watchId, (list = []));
      for (const id of threads) {
        const watched = open(id);
        read(watched);
        list.push(watched);
      }
    },
    readAll() {
      for (const list of watches.values()) for (const watched of list) read(watched);
    },
    end(watchId) {
      const list = watches.get(watchId) ?? [];
      watches.delete(watchId);
      return list.map((watched) => {
        read(watched);
        close(watched);
        return watched.readings;
      });
    },
    closeAll() {
      for (const list of watches.values()) list.forEach(close);
      watches.clear();
    },
  };
}
