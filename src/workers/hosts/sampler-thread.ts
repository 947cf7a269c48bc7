/**
 * The core-usage sampler's thread. Sampling runs here, off the main event loop, because a
 * measuring tool must not disturb what it measures (issue 2, "Core-usage sampler").
 *
 * On Linux it reads /proc/stat itself instead of calling systeminformation's currentLoad():
 * that runs a synchronous shell (`cat /proc/stat | grep cpu`, execSync) on every call,
 * about 4.5 ms of CPU and a ~20 ms stall of the calling thread, and answers calls within
 * 200 ms of each other from a cache, so it cannot deliver 10 Hz at all. A direct read of
 * /proc/stat is one small procfs read. Elsewhere systeminformation (os.cpus() based there,
 * no shell) does the work, still in this thread.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createCostBudget } from '../../shared/cost-budget';
import { parseProcStat, utilisation } from '../../shared/proc-stat';
import { openProcFile, type ProcFile } from '../proc-file';
import { createThreadWatches } from '../thread-watches';
import type {
  SamplerCommand,
  SamplerReport,
  SamplerSource,
  SamplerWorkerData,
} from '../../shared/sampler-protocol';

type ReadCores = () => number[] | Promise<number[]>;

/**
 * What the thread-state reads may cost, as a fraction of one core (issue 17: the sampler
 * with states on stays under 1 %). A wake-up of this thread with the core reads costs about
 * 0.6 % at 10 Hz on a 2-core VM, and two procfs reads per thread, cold, about 25 µs: with
 * 16 threads they would double it, so there they are read on part of the ticks, evenly.
 * Counters are cumulative, so fewer readings coarsen the state slices, never the totals.
 */
const THREAD_STATE_BUDGET = 0.003;

/** A reader of per-core utilisation since its previous call. */
interface CoreReader {
  source: SamplerSource;
  read: ReadCores;
  close(): void;
}

function createProcStatReader(): CoreReader {
  const file = openProcFile('/proc/stat');
  try {
    let previous = parseProcStat(file.read());
    return {
      source: 'proc-stat',
      read: () => {
        const next = parseProcStat(file.read());
        const cores = utilisation(previous, next);
        previous = next;
        return cores;
      },
      close: () => file.close(),
    };
  } catch (error) {
    file.close();
    throw error;
  }
}

async function createSysinfoReader(): Promise<CoreReader> {
  // Loaded only where it is used: it is a large module graph to carry in a thread.
  const { default: si } = await import('systeminformation');
  return {
    source: 'systeminformation',
    read: async () => {
      const load = await si.currentLoad();
      return load.cpus.map((core) => Math.min(100, Math.max(0, core.load)));
    },
    close: () => {},
  };
}

async function createReader(): Promise<CoreReader> {
  if (process.platform === 'linux') {
    try {
      return createProcStatReader();
    } catch {
      // No readable /proc (a locked-down container): systeminformation still works there.
    }
  }
  return createSysinfoReader();
}

/** The calling thread's CPU time in ms, and the descriptor behind it. */
interface ThreadCpuClock {
  readMs(): number;
  close(): void;
}

/**
 * The CPU time of this thread, or null. /proc/thread-self (Linux ≥ 3.17) names the thread
 * that reads it, and sync fs calls run on the calling thread, so this is this worker alone.
 * schedstat's first field is the scheduler's run time in ns; where it is missing (no
 * CONFIG_SCHED_INFO) stat's utime + stime count USER_HZ ticks, which is 100 on every Linux
 * Node supports but only 10 ms fine.
 */
function createThreadCpuClock(): ThreadCpuClock | null {
  if (process.platform !== 'linux') return null;
  const fromSchedstat = (text: string): number => Number(text.split(' ')[0]) / 1e6;
  const fromStat = (text: string): number => {
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const USER_HZ = 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  };
  const sources = [
    { path: '/proc/thread-self/schedstat', parse: fromSchedstat },
    { path: '/proc/thread-self/stat', parse: fromStat },
  ];
  for (const { path, parse } of sources) {
    let file: ProcFile | null = null;
    try {
      file = openProcFile(path);
      const opened = file;
      if (Number.isFinite(parse(opened.read()))) {
        return { readMs: () => parse(opened.read()), close: () => opened.close() };
      }
      file.close();
    } catch {
      // This source is absent on this kernel; try the next.
      file?.close();
    }
  }
  return null;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('sampler-thread must run as a worker thread');
  const post = (report: SamplerReport): void => port.postMessage(report);

  const reader = await createReader();
  const threadCpu = createThreadCpuClock();
  const threads = createThreadWatches();
  const stateBudget = createCostBudget(THREAD_STATE_BUDGET);
  let hz = (workerData as SamplerWorkerData).hz;
  let timer: ReturnType<typeof setInterval> | undefined;
  let isReading = false;
  // Cost since sampling began at the current rate; reset when the rate changes.
  let samples = 0;
  let sampleCostSumMs = 0;
  const now = (): { wallMs: number; cpuMs: number | null } => ({
    wallMs: performance.now(),
    cpuMs: threadCpu?.readMs() ?? null,
  });
  let baseline = now();

  const tick = async (): Promise<void> => {
    // An async reader (systeminformation) may outlast a tick; never stack reads.
    if (isReading) return;
    isReading = true;
    try {
      const startMs = performance.now();
      const cores = await reader.read();
      if (stateBudget.allows(1000 / hz)) {
        const readStartMs = performance.now();
        threads.readAll();
        stateBudget.spend(performance.now() - readStartMs);
      }
      const t = Date.now();
      const endMs = performance.now();
      samples += 1;
      sampleCostSumMs += endMs - startMs;
      const cpuMs = threadCpu?.readMs() ?? null;
      post({
        type: 'sample',
        sample: { t, cores },
        // From the latest readings, which the budget may have skipped this tick: no new reads.
        occupants: threads.occupants(cores.length),
        cost: {
          samples,
          meanSampleCostMs: sampleCostSumMs / samples,
          threadCpuMs: cpuMs === null || baseline.cpuMs === null ? null : cpuMs - baseline.cpuMs,
          elapsedMs: endMs - baseline.wallMs,
        },
      });
    } finally {
      isReading = false;
    }
  };

  const schedule = (): void => {
    clearInterval(timer);
    samples = 0;
    sampleCostSumMs = 0;
    baseline = now();
    timer = setInterval(() => void tick(), 1000 / hz);
  };

  port.on('message', (command: SamplerCommand) => {
    switch (command.type) {
      case 'set-hz':
        hz = command.hz;
        schedule();
        break;
      case 'watch-threads':
        threads.add(command.watchId, command.threads, command.keep);
        break;
      case 'end-watch':
        post({
          type: 'thread-readings',
          watchId: command.watchId,
          readings: threads.end(command.watchId),
        });
        break;
      case 'stop':
        // Close the descriptors here: terminate() from outside would leak them into the
        // process. With no timer and a closed port the thread then exits by itself.
        clearInterval(timer);
        reader.close();
        threadCpu?.close();
        threads.closeAll();
        port.close();
        break;
    }
  });
  schedule();
  post({ type: 'ready', source: reader.source });
}

await main();
