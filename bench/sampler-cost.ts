/**
 * The core sampler's own cost and its effect on the main event loop, side by side with the
 * naive approach it replaces: systeminformation's currentLoad() called on the main loop at
 * the same rate. Run in a process that is otherwise idle: process-wide CPU is compared with
 * an idle window of the same length.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loopLateness, startLoopDelayHistogram } from '../src/node/loop-delay';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCoreSampler } from '../src/main/engine/core-sampler';
import type { SamplerStats } from '../src/shared/lab-api';

export interface SamplerCostOptions {
  hz: number;
  durationMs: number;
  /** The built sampler thread, out/workers/sampler-thread.js. */
  scriptPath: string;
  /** Also measure si.currentLoad() on the main loop (default true). */
  compareNaive?: boolean;
}

/** What one measuring window saw. */
interface LoopWindow {
  /** CPU of this process (every thread), as a fraction of one core. */
  processCpuFraction: number;
  /** CPU of waited-for child processes (the shells execSync spawns), likewise; Linux only. */
  childCpuFraction: number | null;
  p99DelayMs: number;
  maxDelayMs: number;
}

/** The naive approach's figures. */
export interface NaiveSamplerCost {
  /** This process and the shells it spawned, above idle, as a fraction of one core. */
  cpuFractionOfOneCore: number;
  /** The shells alone (`cat /proc/stat | grep cpu`), included in the figure above. */
  childCpuFractionOfOneCore: number | null;
  mainLoopP99DelayMs: number;
  deltaP99Ms: number;
  mainLoopMaxDelayMs: number;
  calls: number;
  /** Mean time one call held the main loop, in ms (execSync blocks it). */
  meanCallMs: number;
}

export interface SamplerCostResult {
  hz: number;
  durationMs: number;
  source: SamplerStats['source'];
  samples: number;
  /** The whole process above idle while our sampler ran (its thread and the main side). */
  cpuFractionOfOneCore: number;
  /** The sampler thread's own CPU, as it reports it (SamplerStats). */
  threadCpuFractionOfOneCore: number;
  /** Mean wall time of one read + parse in the sampler thread. */
  meanSampleCostMs: number;
  mainLoopP99DelayMsOff: number;
  mainLoopP99DelayMsOn: number;
  deltaP99Ms: number;
  naiveSiCurrentLoad?: NaiveSamplerCost;
}

// proc(5): the 14th to 17th fields of /proc/<pid>/stat are utime, stime, cutime, cstime in
// USER_HZ ticks (100 on every Linux Node supports). Counted after the ')' that ends the
// command name, cutime and cstime are the 14th and 15th.
const USER_HZ = 100;

// The main loop is measured as a run measures it (loop-delay.ts, 10 ms resolution), so
// these figures are the ones a run would see: a finer resolution would dilute a few long
// stalls among many short turns and hide them from p99.

/** CPU ms of this process's waited-for children, or null off Linux. */
function childCpuMs(): number | null {
  if (process.platform !== 'linux') return null;
  const text = readFileSync('/proc/self/stat', 'latin1');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / USER_HZ;
}

async function measureWindow(durationMs: number): Promise<LoopWindow> {
  const cpuBefore = process.cpuUsage();
  const childBefore = childCpuMs();
  const startMs = performance.now();
  const histogram = startLoopDelayHistogram();
  await sleep(durationMs);
  histogram.disable();
  const elapsedMs = performance.now() - startMs;
  const cpu = process.cpuUsage(cpuBefore);
  const childAfter = childCpuMs();
  return {
    processCpuFraction: (cpu.user + cpu.system) / 1000 / elapsedMs,
    childCpuFraction:
      childBefore === null || childAfter === null ? null : (childAfter - childBefore) / elapsedMs,
    p99DelayMs: loopLateness(histogram).p99Ms,
    maxDelayMs: loopLateness(histogram).maxMs,
  };
}

async function measureNaive(hz: number, durationMs: number, idle: LoopWindow) {
  const { default: si } = await import('systeminformation');
  // The first call primes its counters and waits 500 ms; keep that out of the window.
  await si.currentLoad();
  let calls = 0;
  let callMsSum = 0;
  const timer = setInterval(() => {
    // currentLoad's work, execSync included, runs in process.nextTick callbacks: the time
    // to its answer is time the main loop could do nothing else.
    const startMs = performance.now();
    void si.currentLoad().then(() => {
      callMsSum += performance.now() - startMs;
      calls += 1;
    });
  }, 1000 / hz);
  try {
    const window = await measureWindow(durationMs);
    const childCpuFraction = window.childCpuFraction ?? 0;
    return {
      cpuFractionOfOneCore: window.processCpuFraction + childCpuFraction - idle.processCpuFraction,
      childCpuFractionOfOneCore: window.childCpuFraction,
      mainLoopP99DelayMs: window.p99DelayMs,
      deltaP99Ms: window.p99DelayMs - idle.p99DelayMs,
      mainLoopMaxDelayMs: window.maxDelayMs,
      calls,
      meanCallMs: calls > 0 ? callMsSum / calls : 0,
    } satisfies NaiveSamplerCost;
  } finally {
    clearInterval(timer);
  }
}

/** Measures the sampler and, for comparison, si.currentLoad() on the main loop. */
export async function measureSamplerCost(options: SamplerCostOptions): Promise<SamplerCostResult> {
  const { hz, durationMs, scriptPath, compareNaive = true } = options;
  const idle = await measureWindow(durationMs);

  const sampler = createCoreSampler({ scriptPath, hz });
  let samples = 0;
  const unsubscribe = sampler.subscribe(() => {
    samples += 1;
  });
  let on: LoopWindow;
  let stats: SamplerStats;
  try {
    await sampler.start();
    // Let the thread finish starting (its bootstrap is not a per-sample cost).
    while (samples < 2) await sleep(1000 / hz);
    samples = 0;
    on = await measureWindow(durationMs);
    stats = sampler.stats();
  } finally {
    unsubscribe();
    await sampler.stop();
  }

  return {
    hz,
    durationMs,
    source: stats.source,
    samples,
    cpuFractionOfOneCore: on.processCpuFraction - idle.processCpuFraction,
    threadCpuFractionOfOneCore: stats.cpuFractionOfOneCore,
    meanSampleCostMs: stats.meanSampleCostMs,
    mainLoopP99DelayMsOff: idle.p99DelayMs,
    mainLoopP99DelayMsOn: on.p99DelayMs,
    deltaP99Ms: on.p99DelayMs - idle.p99DelayMs,
    naiveSiCurrentLoad: compareNaive ? await measureNaive(hz, durationMs, idle) : undefined,
  };
}
