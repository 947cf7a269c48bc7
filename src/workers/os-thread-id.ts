/** The calling thread's OS thread id, which the thread-state sampler reads /proc by. */
import { readlinkSync } from 'node:fs';
import type { WatchedThreadId } from '../shared/sampler-protocol';

/**
 * The kernel's id of the calling thread, or null off Linux or without /proc. /proc/thread-self
 * links to "<pid>/task/<tid>" for whichever thread reads it, a worker thread included.
 */
export function osThreadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    // No /proc mounted (a locked-down container): the states are then unavailable.
    return null;
  }
}

/** The calling thread as the thread-state sampler names it, or null where unknown. */
export function osThread(): WatchedThreadId | null {
  const tid = osThreadId();
  return tid === null ? null : { pid: process.pid, tid };
}
