/**
 * Where a pipeline's producer and consumer time went: the same five states as a comparison's
 * workers (thread-states.ts). Each thread's counters give running and waiting for a core;
 * its participants' own waits give idle (an empty queue, or an event not yet due) and
 * messaging (a broker's message under way); what is left off a core is blocked (a full queue,
 * a lock, the GIL, or the one loop busy with another task). Pure.
 */
import type { ThreadState, TimeShares } from '../results';
import {
  asFractions,
  unmeasuredTimeShares,
  zeroAmounts,
  type Amounts,
  type WatchedThread,
} from '../thread-states';
import { epochNowMs } from '../protocol';
import type { PipelineTally } from './pipeline-tally';

/** What one participant said it waited for, summed over its tallies. */
export interface ParticipantWaits {
  idleMs: number;
  messagingMs: number;
  /** When its final tally arrived (epoch ms): its waits span go until then. */
  endedEpochMs?: number;
}

/** The split for every participant, and for producers and consumers apart. */
export interface PipelineTimeShares {
  timeShares: TimeShares;
  timeSharesByRole: { producers: TimeShares; consumers: TimeShares };
}

export interface PipelineThreadStateInput {
  producers: number;
  consumers: number;
  /** Threads by participant number (producers first); one thread may run several (a loop). */
  threads: readonly WatchedThread[];
  /** By participant number. */
  waits: readonly ParticipantWaits[];
  /** The window split: from go until the last participant ended, epoch ms. */
  fromEpochMs: number;
  toEpochMs: number;
  /** Why there are no counters at all (not Linux, the page's own threads); null when there are. */
  unreadableReason: string | null;
}

/** Sums the idle and messaging time of each participant from its tallies. */
export class PipelineWaitTally {
  private readonly waits: ParticipantWaits[];

  constructor(
    private readonly producers: number,
    consumers: number,
  ) {
    this.waits = Array.from({ length: producers + consumers }, () => ({
      idleMs: 0,
      messagingMs: 0,
    }));
  }

  add(tally: PipelineTally, atEpochMs: number = epochNowMs()): void {
    const waits =
      this.waits[tally.role === 'producer' ? tally.index : this.producers + tally.index];
    if (!waits) return;
    waits.idleMs += tally.idleMs;
    waits.messagingMs += tally.messagingMs;
    if (tally.isFinal) waits.endedEpochMs = atEpochMs;
  }

  all(): readonly ParticipantWaits[] {
    return this.waits;
  }
}

/** A thread's on-CPU and run-queue time inside [from, to], and how much of it readings cover. */
function countersIn(
  thread: WatchedThread,
  from: number,
  to: number,
): { coveredMs: number; runMs: number; waitMs: number } {
  let coveredMs = 0;
  let runMs = 0;
  let waitMs = 0;
  for (let i = 1; i < thread.readings.length; i++) {
    const a = thread.readings[i - 1]!;
    const b = thread.readings[i]!;
    const span = b.tEpochMs - a.tEpochMs;
    const inside = Math.min(b.tEpochMs, to) - Math.max(a.tEpochMs, from);
    if (span <= 0 || inside <= 0) continue;
    // The counters cover the whole interval; the part inside the window is taken pro rata.
    const part = inside / span;
    coveredMs += inside;
    runMs += ((b.runNs - a.runNs) / 1e6) * part;
    waitMs += ((b.waitNs - a.waitNs) / 1e6) * part;
  }
  return { coveredMs, runMs, waitMs };
}

/**
 * Splits one thread's covered time between its participants. Each one's idle and messaging
 * come from its own waits, scaled to the part of its life the readings cover (its last
 * moments may fall after the sampler's last reading of it); the thread's CPU time goes to
 * those that had work, in proportion to it. When the counters show more CPU time than the
 * waits leave room for (a wait that spun, or the tail of a tally), the waits give way.
 */
function splitThread(
  coveredMs: number,
  runMs: number,
  waitMs: number,
  waits: readonly (ParticipantWaits & { lifeMs: number })[],
): Amounts[] {
  const part = waits.map((w) => (w.lifeMs > coveredMs ? coveredMs / w.lifeMs : 1));
  const idle = waits.map((w, k) => Math.min(w.idleMs * part[k]!, coveredMs));
  const messaging = waits.map((w, k) => Math.min(w.messagingMs * part[k]!, coveredMs - idle[k]!));
  const capacity = coveredMs * waits.length;
  const onCpu = Math.min(Math.max(runMs, 0) + Math.max(waitMs, 0), capacity);
  const offWork = idle.reduce((a, b) => a + b, 0) + messaging.reduce((a, b) => a + b, 0);
  const excess = Math.max(0, onCpu - (capacity - offWork));
  const keep = offWork > 0 ? (offWork - excess) / offWork : 1;
  const active = waits.map((_, k) => coveredMs - (idle[k]! + messaging[k]!) * keep);
  const activeSum = active.reduce((a, b) => a + b, 0);
  const running = Math.min(Math.max(runMs, 0), onCpu);
  const waiting = onCpu - running;
  return waits.map((_, k) => {
    const weight = activeSum > 0 ? active[k]! / activeSum : 0;
    const amounts: Amounts = {
      running: running * weight,
      waitingForCore: waiting * weight,
      idle: idle[k]! * keep,
      messaging: messaging[k]! * keep,
      blocked: 0,
    };
    amounts.blocked = Math.max(0, active[k]! - amounts.running - amounts.waitingForCore);
    return amounts;
  });
}

/** Amounts as fractions of their sum. */
function asShares(amounts: Amounts): TimeShares {
  return (
    asFractions(amounts) ?? unmeasuredTimeShares('the threads ended before they could be read')
  );
}

function addTo(sum: Amounts, amounts: Amounts): void {
  for (const state of Object.keys(sum) as ThreadState[]) sum[state] += amounts[state];
}

/** Splits the pipeline's participant time between the five states, overall and by role. */
export function summarizePipelineThreadStates(input: PipelineThreadStateInput): PipelineTimeShares {
  const participants = input.producers + input.consumers;
  const served = new Set<number>();
  for (const thread of input.threads) for (const p of thread.workers) served.add(p);
  const reason =
    input.unreadableReason ??
    (input.threads.length === 0
      ? 'the producers and consumers did not report their OS threads'
      : served.size < participants
        ? 'some producers or consumers did not report their OS threads'
        : null);
  if (reason !== null) {
    const none = unmeasuredTimeShares(reason);
    return { timeShares: none, timeSharesByRole: { producers: none, consumers: none } };
  }
  const all = zeroAmounts();
  const producers = zeroAmounts();
  const consumers = zeroAmounts();
  for (const thread of input.threads) {
    const members = thread.workers.filter((p) => p >= 0 && p < participants);
    const counters = countersIn(thread, input.fromEpochMs, input.toEpochMs);
    if (members.length === 0 || counters.coveredMs <= 0) continue;
    const split = splitThread(
      counters.coveredMs,
      counters.runMs,
      counters.waitMs,
      members.map((p) => {
        const waits = input.waits[p] ?? { idleMs: 0, messagingMs: 0 };
        const endMs = Math.min(waits.endedEpochMs ?? input.toEpochMs, input.toEpochMs);
        return { ...waits, lifeMs: Math.max(0, endMs - input.fromEpochMs) };
      }),
    );
    for (const [k, p] of members.entries()) {
      addTo(all, split[k]!);
      addTo(p < input.producers ? producers : consumers, split[k]!);
    }
  }
  return {
    timeShares: asShares(all),
    timeSharesByRole: { producers: asShares(producers), consumers: asShares(consumers) },
  };
}
