/**
 * Measures the engine's own process during one model's run: CPU time, peak RSS and the
 * main event loop's delay. Threads and the event loop run here, so this is their cost.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RSS_SAMPLE_MS = 50;

export interface ProcessMeasurement {
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssBytes: number;
  eventLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
}

/** Starts measuring; call the returned function to stop and read the figures. */
export function startProcessMeter(): () => ProcessMeasurement {
  const cpuStart = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let peakRssBytes = process.memoryUsage.rss();
  // process.resourceUsage().maxRSS is the lifetime peak; a run needs its own, so sample.
  const timer = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
    const cpu = process.cpuUsage(cpuStart);
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
    const ms = (ns: number): number => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const measurement = {
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      peakRssBytes,
      eventLoopDelay: {
        p50Ms: delay.count > 0 ? ms(delay.percentile(50)) : 0,
        p99Ms: delay.count > 0 ? ms(delay.percentile(99)) : 0,
        maxMs: delay.count > 0 ? ms(delay.max) : 0,
      },
    };
    return measurement;
  };
}
