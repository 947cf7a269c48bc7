/**
 * Where the engine's CPU goes while a run's threads compute: every thread of this process
 * with its CPU time (Linux /proc/self/task), and the cores' clock speed (/proc/cpuinfo), so
 * a scaling loss of worker threads against processes can be traced to its cause.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time of one thread, in ms. */
export interface ThreadCpu {
  tid: number;
  name: string;
  cpuMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** Every thread of this process and its CPU time so far; empty off Linux. */
export function readThreads(): ThreadCpu[] {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return [];
  }
  return tids.flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields after the name start at 3 (state): utime is 14, stime 15.
      const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      return [{ tid: Number(tid), name, cpuMs }];
    } catch {
      return []; // The thread ended between the listing and the read.
    }
  });
}

/**
 * Reads the threads every `everyMs` until stopped, keeping each thread's last CPU time:
 * worker threads end with their run, so a reading after it would miss them.
 */
export function watchThreads(everyMs = 200): () => ThreadCpu[] {
  const seen = new Map<number, ThreadCpu>();
  const read = (): void => {
    for (const t of readThreads()) seen.set(t.tid, t);
  };
  read();
  const timer = setInterval(read, everyMs);
  return () => {
    clearInterval(timer);
    read();
    return [...seen.values()];
  };
}

/** CPU each thread used between two readings, grouped by thread name, largest first. */
export function threadCpuBetween(
  before: readonly ThreadCpu[],
  after: readonly ThreadCpu[],
): { name: string; threads: number; cpuMs: number }[] {
  const start = new Map(before.map((t) => [t.tid, t.cpuMs]));
  const groups = new Map<string, { threads: number; cpuMs: number }>();
  for (const t of after) {
    const used = t.cpuMs - (start.get(t.tid) ?? 0);
    const group = groups.get(t.name) ?? { threads: 0, cpuMs: 0 };
    group.threads++;
    group.cpuMs += used;
    groups.set(t.name, group);
  }
  return [...groups.entries()]
    .map(([name, g]) => ({ name, ...g }))
    .sort((a, b) => b.cpuMs - a.cpuMs);
}

/** The mean clock of all cores in MHz, or null where /proc/cpuinfo does not say. */
export function meanCoreMhz(): number | null {
  try {
    const values = [
      ...readFileSync('/proc/cpuinfo', 'utf8').matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm),
    ].map((m) => Number(m[1]));
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  } catch {
    return null;
  }
}
