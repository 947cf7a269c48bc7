/**
 * The soak (issue 7, "Load"): many short runs in a row through one engine, across every
 * Node model and a mix of CPU, I/O and fault workloads, with the process's resources
 * measured before and after. Shared by `npm run soak` (bench/soak.ts) and a shorter
 * vitest version (test/unit/bench/soak.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LabEngine } from '../src/main/engine/lab-engine';
import type { RunConfig } from '../src/shared/run-config';

/** What the process holds at one moment; memory read after a full GC. */
export interface ResourceSnapshot {
  /** process.getActiveResourcesInfo(): timers, sockets, handles, ports. */
  handles: number;
  handleKinds: Record<string, number>;
  /** OS threads of this process; null where /proc is missing. */
  threads: number | null;
  /** Live child processes; null where /proc is missing. */
  children: number | null;
  rssBytes: number;
  heapUsedBytes: number;
}

/** How far the end of a soak may be above its start before it counts as a leak. */
export interface SoakBounds {
  handles: number;
  threads: number;
  children: number;
  heapUsedBytes: number;
  rssBytes: number;
}

/**
 * The bounds a soak is held to. No handle, thread or process may stay behind; memory may
 * wander by what V8 and the allocator keep between collections (measured on a 2-core
 * Linux box: heap within ±2 MiB, RSS within 40 MiB over 200 runs).
 */
export const SOAK_BOUNDS: SoakBounds = {
  handles: 0,
  threads: 0,
  children: 0,
  heapUsedBytes: 8 * 2 ** 20,
  rssBytes: 96 * 2 ** 20,
};

/** The runs a soak cycles through: short, and between them every Node model and path. */
const SOAK_CONFIGS: RunConfig[] = [
  { workload: 'io.sleep', params: { latencyMs: 1 }, taskCount: 8, models: [] },
  { workload: 'cpu.primes', params: { limit: 20_000 }, taskCount: 8, models: [] },
  { workload: 'io.file', params: { bytes: 4096 }, taskCount: 8, models: [] },
  { workload: 'io.http', params: { bytes: 1024, latencyMs: 0 }, taskCount: 8, models: [] },
  { workload: 'fault.throw', params: { every: 3, taskMs: 0 }, taskCount: 8, models: [] },
  {
    workload: 'fault.hang',
    params: { hangAt: 1, taskMs: 0 },
    taskCount: 4,
    taskTimeoutMs: 50,
    models: [],
  },
];
const NODE_MODELS = ['event-loop', 'worker-threads', 'child-process'] as const;

/** A full garbage collection, whether or not node ran with --expose-gc. */
export function fullGc(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Counts this process's live children by reading /proc; null where there is no /proc. */
function liveChildren(): number | null {
  try {
    let count = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
        // Fields after the command name, which is in parentheses and may hold spaces.
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(ppid) === process.pid && state !== 'Z') count++;
      } catch {
        // The process ended while we listed /proc: it is no child of ours any more.
      }
    }
    return count;
  } catch {
    // No /proc (macOS, Windows).
    return null;
  }
}

function threadCount(): number | null {
  try {
    const match = /^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    // No /proc (macOS, Windows).
    return null;
  }
}

/** Measures the process now, after a full GC. */
export function snapshotResources(): ResourceSnapshot {
  fullGc();
  const kinds: Record<string, number> = {};
  const active = process.getActiveResourcesInfo();
  for (const kind of active) kinds[kind] = (kinds[kind] ?? 0) + 1;
  const memory = process.memoryUsage();
  return {
    handles: active.length,
    handleKinds: kinds,
    threads: threadCount(),
    children: liveChildren(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  };
}

/** Resolves once this process has no child and its thread count stops falling. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 3000;
  let threads = threadCount();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = threadCount();
    if ((liveChildren() ?? 0) === 0 && next === threads) return;
    threads = next;
  }
}

export interface SoakResult {
  runs: number;
  start: ResourceSnapshot;
  end: ResourceSnapshot;
  /** Each measured run's wall time, in ms. */
  runMs: number[];
  /** Runs whose results were not what the workload promises (a bug, not a leak). */
  wrongRuns: string[];
}

/** Runs config `i` of the cycle: every Node model where the workload allows. */
async function soakRun(engine: LabEngine, i: number): Promise<string | null> {
  const config = SOAK_CONFIGS[i % SOAK_CONFIGS.length]!;
  const run = await engine.run({
    ...config,
    models: NODE_MODELS.map((model) => ({ model, workers: 2 })),
  });
  const isFault = config.workload.startsWith('fault.');
  for (const result of run.results) {
    if (isFault ? result.failures.length === 0 : !result.verified) {
      return `run ${i} ${config.workload} on ${result.model}: ${result.error?.message ?? 'wrong'}`;
    }
  }
  return null;
}

/**
 * Warms up (the first runs start libuv's thread pool and load modules for good), then
 * measures, runs `runs` times, and measures again.
 */
export async function runSoak(
  engine: LabEngine,
  runs: number,
  onRun?: (done: number) => void,
): Promise<SoakResult> {
  for (let i = 0; i < SOAK_CONFIGS.length; i++) await soakRun(engine, i);
  await settle();
  const start = snapshotResources();
  const runMs: number[] = [];
  const wrongRuns: string[] = [];
  for (let i = 0; i < runs; i++) {
    const startMs = performance.now();
    const wrong = await soakRun(engine, i);
    runMs.push(performance.now() - startMs);
    if (wrong) wrongRuns.push(wrong);
    onRun?.(i + 1);
  }
  await settle();
  return { runs, start, end: snapshotResources(), runMs, wrongRuns };
}

/** Each measure that grew past its bound, as a sentence; empty when the soak passed. */
export function soakViolations(result: SoakResult, bounds: SoakBounds = SOAK_BOUNDS): string[] {
  const problems: string[] = [];
  const check = (name: keyof SoakBounds, start: number | null, end: number | null): void => {
    if (start === null || end === null) return;
    if (end - start > bounds[name]) {
      problems.push(`${name} grew from ${start} to ${end} (bound +${bounds[name]})`);
    }
  };
  check('handles', result.start.handles, result.end.handles);
  check('threads', result.start.threads, result.end.threads);
  check('children', 0, result.end.children);
  check('heapUsedBytes', result.start.heapUsedBytes, result.end.heapUsedBytes);
  check('rssBytes', result.start.rssBytes, result.end.rssBytes);
  return [...problems, ...result.wrongRuns];
}
