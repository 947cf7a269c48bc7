/** Core ticks read straight from /proc/stat: a reading independent of the code under test. */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface CoreTicks {
  busy: number;
  total: number;
}

/** Busy and total ticks per cpuN line. */
export function readCoreTicks(): CoreTicks[] {
  return readFileSync('/proc/stat', 'latin1')
    .split('\n')
    .filter((line) => /^cpu\d+\s/.test(line))
    .map((line) => {
      const [
        user = 0,
        nice = 0,
        system = 0,
        idle = 0,
        iowait = 0,
        irq = 0,
        softirq = 0,
        steal = 0,
      ] = line.trim().split(/\s+/).slice(1).map(Number);
      const busy = user + nice + system + irq + softirq + steal;
      return { busy, total: busy + idle + iowait };
    });
}

/** Per-core busy percent between two readings. */
export function percentBetween(before: CoreTicks[], after: CoreTicks[]): number[] {
  return after.map((core, i) => {
    const old = before[i] ?? core;
    return (100 * (core.busy - old.busy)) / Math.max(1, core.total - old.total);
  });
}

/** Cores busy over the next `windowMs`, summed over every core (1 = one core's worth). */
export async function coresBusyOver(windowMs: number): Promise<number> {
  const before = readCoreTicks();
  await sleep(windowMs);
  return percentBetween(before, readCoreTicks()).reduce((a, b) => a + b, 0) / 100;
}

/**
 * Waits until other programs leave the cores free (under `maxBusyCores` busy over one
 * second), for the tests whose lesson needs free cores to show. Throws, saying how busy the
 * machine stayed, when it is not free within `withinMs`: a lesson is failed, never skipped.
 */
export async function awaitFreeCores(maxBusyCores = 0.35, withinMs = 60_000): Promise<void> {
  if (!existsSync('/proc/stat')) {
    console.info('no /proc/stat here: cannot wait for free cores, measuring as they are');
    return;
  }
  const deadline = Date.now() + withinMs;
  const seen: number[] = [];
  while (Date.now() < deadline) {
    const busy = await coresBusyOver(1000);
    if (busy <= maxBusyCores) return;
    seen.push(busy);
  }
  throw new Error(
    `other programs kept ${Math.min(...seen).toFixed(2)}–${Math.max(...seen).toFixed(2)} ` +
      `cores busy for ${withinMs / 1000} s; this lesson needs them free`,
  );
}
