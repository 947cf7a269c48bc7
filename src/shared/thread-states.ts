/**
 * Where a worker's time went: running on a core, waiting in a run queue for one, blocked
 * (asleep on a lock, the GIL, I/O or a message), idle (no task left for it) or messaging
 * (between two of its tasks, while a result and the next task cross the channel). Pure: the
 * sampler thread reads /proc/<pid>/task/<tid>/{stat,schedstat}; this parses the text and
 * splits each interval between two readings.
 */
import type { StateSlice, ThreadState, TimelineEntry, TimeShares } from './results';

/** One reading of a thread's scheduler counters, as the sampler thread takes it. */
export interface ThreadReading {
  /** When it was read, epoch ms. */
  tEpochMs: number;
  /** Time on a CPU since the thread began, ns (schedstat field 1). */
  runNs: number;
  /** Time runnable but waiting in a run queue, ns (schedstat field 2). */
  waitNs: number;
  /** The CPU it last ran on (stat field 39), or null where unreadable. */
  processor: number | null;
}

const SPACE = 0x20;
const ZERO = 0x30;
const CLOSE_PAREN = 0x29;

/**
 * The whole number of decimal digits starting at `from`, and where it ends; null if there
 * are none. Byte-wise, so that ten reads a second of many threads allocate no strings.
 */
function digitsAt(bytes: Uint8Array, from: number): { value: number; end: number } | null {
  let value = 0;
  let i = from;
  for (; i < bytes.length; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return i > from ? { value, end: i } : null;
}

/** Parses /proc/<pid>/task/<tid>/schedstat: "<run ns> <wait ns> <timeslices>". */
export function parseSchedstat(bytes: Uint8Array): { runNs: number; waitNs: number } | null {
  const run = digitsAt(bytes, 0);
  if (!run || bytes[run.end] !== SPACE) return null;
  const wait = digitsAt(bytes, run.end + 1);
  return wait ? { runNs: run.value, waitNs: wait.value } : null;
}

// Fields after the command name, 0-based: stat field 39 (processor) is at 36.
const PROCESSOR_FIELD = 36;

/** Parses the last CPU (field 39, `processor`) of /proc/<pid>/task/<tid>/stat. */
export function parseTaskProcessor(bytes: Uint8Array): number | null {
  // The command name is in parentheses and may hold spaces or ')' itself.
  let i = bytes.lastIndexOf(CLOSE_PAREN);
  if (i < 0) return null;
  i += 2;
  for (let field = 0; field < PROCESSOR_FIELD; field++) {
    i = bytes.indexOf(SPACE, i) + 1;
    if (i === 0) return null;
  }
  return digitsAt(bytes, i)?.value ?? null;
}

/** The OS thread behind one or more of a model's workers (the event loop hosts them all). */
export interface WatchedThread {
  workers: readonly number[];
  readings: readonly ThreadReading[];
}

/** What the split needs besides the readings; times are run-relative ms, as in the timeline. */
export interface ThreadStateInput {
  threads: readonly WatchedThread[];
  /** Workers of the run; a worker no thread serves counts only for idle and messaging. */
  workers: number;
  timeline: readonly TimelineEntry[];
  /** The timeline's origin, epoch ms (ModelResult.startedAtEpochMs). */
  originEpochMs: number;
  /** The work window: every worker's time inside it is split between the states. */
  workStartMs: number;
  workEndMs: number;
  /** Why running / waiting / blocked cannot be read here (no /proc); null when they can. */
  unreadableReason: string | null;
}

/** The split of a run's worker time, the core of each task, and slices for a trace. */
export interface ThreadStateSummary {
  timeShares: TimeShares;
  /** The CPU each timeline entry last ran on, in timeline order; null where unknown. */
  cpus: (number | null)[];
  slices: StateSlice[];
}

/** Time amounts in ms, one per state. */
/** Time per state, in any one unit. */
export type Amounts = Record<ThreadState, number>;

export const zeroAmounts = (): Amounts => ({
  running: 0,
  waitingForCore: 0,
  blocked: 0,
  idle: 0,
  messaging: 0,
});

/** The amounts as fractions of their sum; null when they add up to no time at all. */
export function asFractions(amounts: Amounts): TimeShares | null {
  const total =
    amounts.running + amounts.waitingForCore + amounts.blocked + amounts.idle + amounts.messaging;
  if (total <= 0) return null;
  return {
    running: amounts.running / total,
    waitingForCore: amounts.waitingForCore / total,
    blocked: amounts.blocked / total,
    idle: amounts.idle / total,
    messaging: amounts.messaging / total,
  };
}

/** A worker's time outside its tasks: messaging between tasks, idle after the last. */
interface WorkerSegments {
  tasks: [number, number][];
  messaging: [number, number][];
  idle: [number, number][];
}

/**
 * A worker's work window cut into task, messaging and idle segments. Every task is
 * dispatched at the work's start or as its worker's previous result arrives, so the time up to
 * a worker's first task and between two of its tasks is messaging; after its last, nothing was
 * left for it: idle.
 */
export function workerSegments(
  entries: readonly TimelineEntry[],
  workStartMs: number,
  workEndMs: number,
): WorkerSegments {
  const sorted = [...entries].sort((a, b) => a.startMs - b.startMs);
  const segments: WorkerSegments = { tasks: [], messaging: [], idle: [] };
  let cursor = workStartMs;
  for (const entry of sorted) {
    const start = Math.min(Math.max(entry.startMs, cursor), workEndMs);
    const end = Math.min(Math.max(entry.endMs, start), workEndMs);
    if (start > cursor) segments.messaging.push([cursor, start]);
    if (end > start) segments.tasks.push([start, end]);
    cursor = Math.max(cursor, end);
  }
  if (workEndMs > cursor) segments.idle.push([cursor, workEndMs]);
  return segments;
}

/** A worker's segments when it shares its thread: its messaging gaps join its task time. */
function loopSegments(segments: WorkerSegments): WorkerSegments {
  return { tasks: [...segments.tasks, ...segments.messaging], messaging: [], idle: segments.idle };
}

/** How much of [from, to] the segments cover. */
function overlap(segments: readonly [number, number][], from: number, to: number): number {
  let sum = 0;
  for (const [a, b] of segments) sum += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return sum;
}

/**
 * Splits one interval of one thread. The thread's on-CPU and run-queue time come from its
 * counters, and belong to its tasks; the rest of its workers' time is off a CPU: messaging
 * and idle where the timeline says so, and blocked for what remains (a task asleep on I/O, a
 * lock, the GIL, or another task of the same event loop). Returns the thread's total and each
 * of its workers' share, for the slices.
 */
function splitInterval(
  segments: readonly WorkerSegments[],
  from: number,
  to: number,
  runMs: number,
  waitMs: number,
): { total: Amounts; perWorker: Amounts[] } {
  const task = segments.map((s) => overlap(s.tasks, from, to));
  const msg = segments.map((s) => overlap(s.messaging, from, to));
  const idle = segments.map((s) => overlap(s.idle, from, to));
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  const [taskMs, msgMs, idleMs] = [sum(task), sum(msg), sum(idle)];
  const capacity = taskMs + msgMs + idleMs;
  const running = Math.min(Math.max(runMs, 0), capacity);
  const waitingForCore = Math.min(Math.max(waitMs, 0), capacity - running);
  const off = capacity - running - waitingForCore;
  const messaging = Math.min(msgMs, off);
  const idleShare = Math.min(idleMs, off - messaging);
  const total: Amounts = {
    running,
    waitingForCore,
    blocked: off - messaging - idleShare,
    idle: idleShare,
    messaging,
  };
  // Each worker's part, for its slice: on-CPU time by its task time, the rest by its own.
  const perWorker = segments.map((_, w) => {
    const length = task[w]! + msg[w]! + idle[w]!;
    const weight = taskMs > 0 ? task[w]! / taskMs : capacity > 0 ? length / capacity : 0;
    const part: Amounts = {
      running: running * weight,
      waitingForCore: waitingForCore * weight,
      messaging: msgMs > 0 ? (messaging * msg[w]!) / msgMs : 0,
      idle: idleMs > 0 ? (idleShare * idle[w]!) / idleMs : 0,
      blocked: 0,
    };
    part.blocked = Math.max(
      0,
      length - part.running - part.waitingForCore - part.messaging - part.idle,
    );
    return part;
  });
  return { total, perWorker };
}

/** The state with the most time, for a slice. */
function dominant(amounts: Amounts): ThreadState {
  let best: ThreadState = 'running';
  for (const state of Object.keys(amounts) as ThreadState[]) {
    if (amounts[state] > amounts[best]) best = state;
  }
  return best;
}

/** Adds a slice, merged into the worker's previous one when it continues it. */
function pushSlice(slices: StateSlice[], last: Map<number, StateSlice>, slice: StateSlice): void {
  const previous = last.get(slice.worker);
  if (
    previous &&
    previous.state === slice.state &&
    previous.cpu === slice.cpu &&
    Math.abs(previous.endMs - slice.startMs) < 1e-6
  ) {
    previous.endMs = slice.endMs;
    return;
  }
  slices.push(slice);
  last.set(slice.worker, slice);
}

/** Slices a result keeps at most; a very long run keeps its beginning. */
export const MAX_STATE_SLICES = 36_000;

/**
 * The CPU a task last ran on: the last reading inside the task, else the first one after it
 * within `withinMs` (the CPU it last ran on is then still the one it ended on), else null.
 */
function taskCpu(
  readings: readonly ThreadReading[],
  originEpochMs: number,
  entry: TimelineEntry,
  withinMs: number,
): number | null {
  let inside: number | null = null;
  for (const reading of readings) {
    const t = reading.tEpochMs - originEpochMs;
    if (t < entry.startMs) continue;
    if (t <= entry.endMs) {
      inside = reading.processor ?? inside;
      continue;
    }
    if (inside !== null) return inside;
    return t - entry.endMs <= withinMs ? reading.processor : null;
  }
  return inside;
}

/** Splits a run's worker time between the five states, from its threads' readings. */
export function summarizeThreadStates(input: ThreadStateInput): ThreadStateSummary {
  const { workStartMs, workEndMs, originEpochMs } = input;
  const byWorker = Array.from({ length: input.workers }, (_, w) =>
    input.timeline.filter((e) => e.worker === w),
  );
  const segments = byWorker.map((entries) => workerSegments(entries, workStartMs, workEndMs));
  const totals = zeroAmounts();
  const slices: StateSlice[] = [];
  const lastSlice = new Map<number, StateSlice>();
  let spacingSum = 0;
  let spacingCount = 0;
  const served = new Set<number>();
  for (const thread of input.unreadableReason === null ? input.threads : []) {
    const workers = thread.workers.filter((w) => w >= 0 && w < input.workers);
    if (workers.length === 0) continue;
    // Workers sharing one thread (an event loop) wait between their tasks for the loop, not
    // for a message: those gaps count as their task time, off a CPU, so blocked.
    const threadSegments = workers.map((w) =>
      workers.length > 1 ? loopSegments(segments[w]!) : segments[w]!,
    );
    for (let i = 1; i < thread.readings.length; i++) {
      const a = thread.readings[i - 1]!;
      const b = thread.readings[i]!;
      const t0 = a.tEpochMs - originEpochMs;
      const t1 = b.tEpochMs - originEpochMs;
      if (t1 <= t0) continue;
      spacingSum += t1 - t0;
      spacingCount++;
      const from = Math.max(t0, workStartMs);
      const to = Math.min(t1, workEndMs);
      if (to <= from) continue;
      // The counters cover [t0, t1]; the part inside the work window is taken pro rata.
      const inWindow = (to - from) / (t1 - t0);
      const { total, perWorker } = splitInterval(
        threadSegments,
        from,
        to,
        ((b.runNs - a.runNs) / 1e6) * inWindow,
        ((b.waitNs - a.waitNs) / 1e6) * inWindow,
      );
      for (const state of Object.keys(totals) as ThreadState[]) totals[state] += total[state];
      for (const [k, worker] of workers.entries()) {
        served.add(worker);
        if (slices.length >= MAX_STATE_SLICES) continue;
        const state = dominant(perWorker[k]!);
        const cpu = state === 'running' || state === 'waitingForCore' ? b.processor : null;
        pushSlice(slices, lastSlice, { worker, startMs: from, endMs: to, state, cpu });
      }
    }
  }
  const withinMs = spacingCount > 0 ? (spacingSum / spacingCount) * 1.5 : 0;
  const threadOf = new Map<number, WatchedThread>();
  for (const thread of input.threads) for (const w of thread.workers) threadOf.set(w, thread);
  const cpus = input.timeline.map((entry) => {
    const thread = threadOf.get(entry.worker);
    return thread && input.unreadableReason === null
      ? taskCpu(thread.readings, originEpochMs, entry, withinMs)
      : null;
  });
  return { timeShares: shares(input, segments, totals, served), cpus, slices };
}

/** The amounts as fractions of the time they cover; null where they could not be read. */
function shares(
  input: ThreadStateInput,
  segments: readonly WorkerSegments[],
  totals: Amounts,
  served: ReadonlySet<number>,
): TimeShares {
  const fractions = asFractions(totals);
  if (fractions && served.size === input.workers) return fractions;
  // Without every thread's counters only the timeline's part can be told: idle and messaging.
  const reason =
    input.unreadableReason ??
    (input.threads.length === 0
      ? 'the workers did not report their OS threads'
      : 'some workers ended before their threads could be read');
  const window = input.workers * Math.max(input.workEndMs - input.workStartMs, 0);
  const sum = (pick: (s: WorkerSegments) => [number, number][]): number =>
    segments.reduce((acc, s) => acc + pick(s).reduce((a, [x, y]) => a + y - x, 0), 0);
  return {
    running: null,
    waitingForCore: null,
    blocked: null,
    idle: window > 0 ? sum((s) => s.idle) / window : null,
    messaging: window > 0 ? sum((s) => s.messaging) / window : null,
    unavailableReason: reason,
  };
}

/** Time shares where nothing could be measured, with the reason. */
export function unmeasuredTimeShares(reason: string): TimeShares {
  return {
    running: null,
    waitingForCore: null,
    blocked: null,
    idle: null,
    messaging: null,
    unavailableReason: reason,
  };
}

/** The fields of a round's result that the split reads. */
interface MeasuredRun {
  workers: number;
  timeline: TimelineEntry[];
  startedAtEpochMs?: number;
  startupMs: number;
  wallMs: number;
}

/**
 * A round's result with its time shares, each task's CPU and the state slices, from the
 * threads watched while it ran. `unreadableReason` says why there are no counters at all.
 */
export function withThreadStates<T extends MeasuredRun>(
  result: T,
  threads: readonly WatchedThread[],
  unreadableReason: string | null,
): T & { timeShares: TimeShares; stateSlices?: StateSlice[] } {
  const summary = summarizeThreadStates({
    threads,
    workers: result.workers,
    timeline: result.timeline,
    originEpochMs: result.startedAtEpochMs ?? 0,
    workStartMs: result.startupMs,
    workEndMs: result.startupMs + result.wallMs,
    unreadableReason,
  });
  return {
    ...result,
    timeline: result.timeline.map((entry, i) => ({ ...entry, cpu: summary.cpus[i] ?? null })),
    timeShares: summary.timeShares,
    ...(summary.slices.length > 0 ? { stateSlices: summary.slices } : {}),
  };
}
