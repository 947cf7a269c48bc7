/**
 * Measures the engine's own process during one model's run: CPU time, peak RSS and the
 * main event loop's delay. Threads and the event loop run here, so this is their cost.
 */
import { loopLateness, startLoopDelayHistogram, type LoopLateness } from '../../node/loop-delay';

const RSS_SAMPLE_MS = 50;

export interface ProcessMeasurement {
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssBytes: number;
  /** How late the main event loop ran during the run. */
  eventLoopDelay: LoopLateness;
}

/** Starts measuring; call the returned function to stop and read the figures. */
export function startProcessMeter(): () => ProcessMeasurement {
  const cpuStart = process.cpuUsage();
  const delay = startLoopDelayHistogram();
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
    return {
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      peakRssBytes,
      eventLoopDelay: loopLateness(delay),
    };
  };
}
