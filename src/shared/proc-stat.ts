/**
 * Linux /proc/stat per-core counters and the utilisation between two readings. Pure: the
 * sampler thread reads the file, this only parses text and does the arithmetic.
 */
import { LabError } from './errors';

/** Cumulative time of one logical core since boot, in clock ticks (USER_HZ). */
export interface CpuTimes {
  /** N of the `cpuN` line: the OS's number for this logical core. */
  id: number;
  /** Ticks doing work: user + nice + system + irq + softirq + steal. */
  busyTicks: number;
  /** busyTicks + idle + iowait. */
  totalTicks: number;
}

// Fields of a cpuN line, in order: user nice system idle iowait irq softirq steal guest
// guest_nice. guest and guest_nice are already counted inside user and nice, so adding them
// would count that time twice. Kernels before 2.6.11 stop after idle/iowait/irq/softirq;
// missing fields read as 0.
const USER = 0;
const NICE = 1;
const SYSTEM = 2;
const IDLE = 3;
const IOWAIT = 4;
const IRQ = 5;
const SOFTIRQ = 6;
const STEAL = 7;
const MIN_FIELDS = 4;

/** Parses the per-core `cpuN` lines of /proc/stat in file order, without the aggregate line. */
export function parseProcStat(text: string): CpuTimes[] {
  const cores: CpuTimes[] = [];
  for (const line of text.split('\n')) {
    // The cpu lines come first; stop at the first other line so that the long `intr` line
    // (thousands of numbers on big machines) is never split.
    if (!line.startsWith('cpu')) {
      if (cores.length > 0) break;
      continue;
    }
    const parts = line.trim().split(/\s+/);
    const label = parts[0] ?? '';
    if (label === 'cpu') continue;
    const id = Number(label.slice(3));
    const counters = parts.slice(1).map(Number);
    if (!Number.isInteger(id) || counters.length < MIN_FIELDS || counters.some((n) => !(n >= 0))) {
      throw new LabError('io', `/proc/stat has a malformed core line: "${line.slice(0, 80)}"`);
    }
    const field = (index: number): number => counters[index] ?? 0;
    const busyTicks =
      field(USER) + field(NICE) + field(SYSTEM) + field(IRQ) + field(SOFTIRQ) + field(STEAL);
    cores.push({ id, busyTicks, totalTicks: busyTicks + field(IDLE) + field(IOWAIT) });
  }
  if (cores.length === 0) throw new LabError('io', '/proc/stat has no cpuN lines');
  return cores;
}

/**
 * Utilisation 0..100 of each core in `next` over the time since `prev`. A core whose
 * counters did not move, or that was absent (offline) in `prev`, reads 0. Clamped, because
 * iowait is known to step backwards on tickless kernels (see proc(5), "iowait").
 */
export function utilisation(prev: readonly CpuTimes[], next: readonly CpuTimes[]): number[] {
  const before = new Map(prev.map((core) => [core.id, core]));
  return next.map((core) => {
    const old = before.get(core.id);
    if (!old) return 0;
    const totalDelta = core.totalTicks - old.totalTicks;
    if (totalDelta <= 0) return 0;
    const busyPercent = (100 * (core.busyTicks - old.busyTicks)) / totalDelta;
    return Math.min(100, Math.max(0, busyPercent));
  });
}
