/** A process's own CPU time and peak memory, as a worker process reports it on stop. */
export function processUsage(): { cpuUserMs: number; cpuSystemMs: number; peakRssBytes: number } {
  const usage = process.resourceUsage();
  return {
    cpuUserMs: usage.userCPUTime / 1000,
    cpuSystemMs: usage.systemCPUTime / 1000,
    // maxRSS is in KiB on every platform Node supports.
    peakRssBytes: usage.maxRSS * 1024,
  };
}
