/**
 * The desktop app's other processes in a run's figures: Electron's app.getAppMetrics() sees
 * the renderer, the GPU process and utility processes (the network service, the event loop's
 * host…), which process.cpuUsage() in the engine never does. Read before and after a model's
 * run; the difference is what each one cost during it.
 */
import type { ProcessUsage } from '../../shared/results';

/** One process of the app at one moment, as the shell reads it from app.getAppMetrics(). */
export interface AppProcessReading {
  pid: number;
  /** With the pid, tells a process from a later one that reuses the pid. */
  creationTime: number;
  /** ProcessMetric.type: 'Browser', 'Tab', 'GPU', 'Utility', … */
  type: string;
  name?: string;
  /** Seconds of CPU time since the process started; absent where Electron cannot say. */
  cpuSeconds?: number;
  /** Memory pinned in RAM now, in bytes. */
  workingSetBytes: number;
}

/** Reads every process of the app now (app.getAppMetrics in the shell). */
export type AppProcessSource = () => AppProcessReading[];

/** A row label: what the process is to a person reading the results. */
function labelOf(reading: AppProcessReading): string {
  switch (reading.type) {
    case 'Tab':
      return 'renderer';
    case 'GPU':
      return 'GPU';
    case 'Utility':
      return `utility: ${reading.name ?? 'unnamed'}`;
    default:
      return reading.type.toLowerCase();
  }
}

/**
 * The usage of each process alive at both readings, between them: CPU time as the difference
 * of its cumulative figures, memory as the larger of its two working sets (the peak between
 * readings is not reported). Processes in `exclude` (the engine, workers that reported
 * themselves) are left out, so nothing is counted twice.
 */
export function appProcessUsage(
  before: readonly AppProcessReading[],
  after: readonly AppProcessReading[],
  exclude: ReadonlySet<number>,
): ProcessUsage[] {
  const earlier = new Map(before.map((r) => [`${r.pid}@${r.creationTime}`, r]));
  const rows: ProcessUsage[] = [];
  for (const now of after) {
    const then = earlier.get(`${now.pid}@${now.creationTime}`);
    if (!then || exclude.has(now.pid)) continue;
    const cpuMs =
      now.cpuSeconds !== undefined && then.cpuSeconds !== undefined
        ? Math.max(0, (now.cpuSeconds - then.cpuSeconds) * 1000)
        : 0;
    rows.push({
      label: labelOf(now),
      pid: now.pid,
      // ProcessMetric has no user/system split: all of it is reported as user time.
      cpuUserMs: cpuMs,
      cpuSystemMs: 0,
      peakRssBytes: Math.max(then.workingSetBytes, now.workingSetBytes),
    });
  }
  return rows;
}

/**
 * Takes the first reading now; the returned function takes the second and gives the rows.
 * Without a source (the CLI, browser mode) there are none.
 */
export function startAppProcessMeter(
  source: AppProcessSource | undefined,
): (exclude: ReadonlySet<number>) => ProcessUsage[] {
  if (!source) return () => [];
  const before = source();
  return (exclude) => appProcessUsage(before, source(), exclude);
}
