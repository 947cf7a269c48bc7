/**
 * Other load on the machine: CPU time spent by anything that is not the run's own processes
 * and threads, from the OS's per-core counters (os.cpus(): /proc/stat on Linux, the kernel's
 * own counters on macOS and Windows) minus what the run itself used.
 */
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Busy CPU time of the whole machine so far, ms summed over every core. */
function machineBusyMs(): number {
  let busy = 0;
  for (const { times } of cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return busy;
}

/** CPU time of the engine's own process (every thread of it) so far, ms. */
function engineCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** An open window of measurement; close it with the CPU time of the run's other processes. */
export interface LoadWindow {
  /**
   * Other load in cores over the window. `workerProcessCpuMs` is the CPU time of the run's
   * processes other than the engine (child processes, Python), which the engine cannot see
   * in its own counters; threads of the engine are already in its own.
   */
  close(workerProcessCpuMs: number): number | null;
}

/** Starts a window; counters unreadable on this OS give null rather than a made-up zero. */
export function openLoadWindow(): LoadWindow {
  const startMs = performance.now();
  const machineStart = machineBusyMs();
  const engineStart = engineCpuMs();
  return {
    close(workerProcessCpuMs) {
      const elapsedMs = performance.now() - startMs;
      const machine = machineBusyMs() - machineStart;
      if (elapsedMs <= 0 || !Number.isFinite(machine) || machine <= 0) return null;
      const own = engineCpuMs() - engineStart + workerProcessCpuMs;
      return Math.max(machine - own, 0) / elapsedMs;
    },
  };
}

/** The quiet check before a run: other load over `ms` while the engine does nothing. */
export async function quietCheck(ms = 500): Promise<number | null> {
  const window = openLoadWindow();
  await sleep(ms);
  return window.close(0);
}
