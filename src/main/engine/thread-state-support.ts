/** Whether this host can read its worker threads' scheduler states. */
import { existsSync } from 'node:fs';

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macOS', win32: 'Windows' };

/**
 * Why running, waiting for a core and blocked cannot be told apart here, or null where they
 * can: only Linux gives each thread's on-CPU and run-queue time (/proc/<pid>/task/<tid>/schedstat).
 */
export function threadStatesUnreadableReason(
  platform: NodeJS.Platform = process.platform,
  hasSchedstat: () => boolean = () => existsSync('/proc/thread-self/schedstat'),
): string | null {
  if (platform !== 'linux') {
    const name = OS_NAMES[platform] ?? platform;
    return `${name} does not expose a thread's run-queue time (Linux's /proc does)`;
  }
  return hasSchedstat()
    ? null
    : '/proc/<pid>/task/<tid>/schedstat is not readable here (no /proc, or a kernel without schedstats)';
}

/** Why a run's thread states are unknown before any reading: this OS, or no sampler. */
export function threadStatesReason(isWatched: boolean): string | null {
  return threadStatesUnreadableReason() ?? (isWatched ? null : 'no thread-state sampler ran');
}
