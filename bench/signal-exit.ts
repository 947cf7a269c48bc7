/**
 * How long the CLI takes to exit after SIGTERM or SIGINT while it computes a run's reference
 * checksum (issue 14: it used to burn a core for 40 s more). The reference at this size takes
 * a core for 40 s or longer; the signal goes once a thread other than the main one has burnt
 * a third of a second of CPU (Linux), or after a fixed wait elsewhere.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The reproduction: one worker, a reference of 100 × 1000 rounds over 16 MiB. */
export const REFERENCE_PHASE_RUN = [
  'run',
  '--workload',
  'cpu.hash',
  '--models',
  'worker-threads',
  '--workers',
  '1',
  '--tasks',
  '100',
  '--param',
  'bufferBytes=16777216',
  '--param',
  'rounds=1000',
];
/** A process still alive this long after the signal is killed and counted as this long. */
const GIVE_UP_MS = 10_000;
/** CPU a helper thread must have used before the reference phase counts as under way. */
const BUSY_THREAD_TICKS = 33;

/**
 * True once a thread of `pid` other than its main one has used BUSY_THREAD_TICKS of user
 * CPU (clock ticks, 1/100 s on Linux); null where there is no /proc to read.
 */
function hasBusyHelperThread(pid: number): boolean | null {
  try {
    return readdirSync(`/proc/${pid}/task`).some((tid) => {
      if (tid === String(pid)) return false;
      // Fields after the command name, which is in parentheses; utime is the 12th of them.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) >= BUSY_THREAD_TICKS;
    });
  } catch {
    // No procfs (macOS, Windows), or the process just ended.
    return null;
  }
}

/** Waits until the run's reference thread is busy, or `fallbackMs` where that cannot be seen. */
export async function untilReferencePhase(pid: number, fallbackMs: number): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const isBusy = hasBusyHelperThread(pid);
    if (isBusy === null) return void (await sleep(fallbackMs));
    if (isBusy) return;
    await sleep(50);
  }
}

export interface SignalExitTimes {
  signal: NodeJS.Signals;
  /** From the signal to the process's exit, one per round. */
  exitMs: number[];
  exitCodes: (number | null)[];
}

/** Starts the run, signals it in its reference phase, and times its exit, `rounds` times. */
export async function measureSignalExit(options: {
  cliPath: string;
  signal: NodeJS.Signals;
  rounds: number;
  settleMs?: number;
}): Promise<SignalExitTimes> {
  const exitMs: number[] = [];
  const exitCodes: (number | null)[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const child = spawn(process.execPath, [options.cliPath, ...REFERENCE_PHASE_RUN], {
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await untilReferencePhase(child.pid!, options.settleMs ?? 3000);
    const sentAt = performance.now();
    child.kill(options.signal);
    const late = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
    exitCodes.push(await exited);
    clearTimeout(late);
    exitMs.push(performance.now() - sentAt);
  }
  return { signal: options.signal, exitMs, exitCodes };
}
