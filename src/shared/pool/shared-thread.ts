/**
 * The event-loop model on a thread or process of its own: one host runs every pool "worker"
 * of a run as a slot of tasks in flight on its single event loop (createInProcessWorker),
 * so N slots are still N concurrent async tasks on one thread, while the engine's own loop
 * only dispatches and samples. Each message names its slot; `finish` asks the host for its
 * loop's lateness (the model's own lag) before it exits.
 */
import {
  isCount,
  isHostMessage,
  isProcessUsage,
  isRecord,
  isWorkerMessage,
  type HostMessage,
  type WorkerMessage,
} from '../protocol';
import type { TaskEnvFactory } from '../serve-worker';
import { createInProcessWorker } from './in-process-worker';
import type { PoolWorker } from './run-pool';

/** How late an event loop ran, in ms beyond its timer's interval. */
export interface LoopLateness {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A process's own CPU time and peak memory (where the host is a process of its own). */
export interface HostUsage {
  pid: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssBytes: number;
}

export type ToSharedThread =
  | { slot: number; message: HostMessage }
  /** Abandons the slot: its running task cannot be interrupted, its answer is dropped. */
  | { slot: number; kill: true }
  /** Every slot is done: answer with `report`, then exit. */
  | { type: 'finish' };

export type FromSharedThread =
  | { slot: number; message: WorkerMessage }
  | { slot: number; exit: { code: number | null; signal: string | null } }
  | { type: 'report'; eventLoopDelay: LoopLateness; usage?: HostUsage };

/** What only the host's runtime knows: its task environment, its loop, its process. */
export interface SharedThreadFacts {
  pid: number;
  /** The OS thread of this loop (Linux), which every slot's tasks run on; null where unknown. */
  tid?: number | null;
  makeEnv: TaskEnvFactory;
  lateness(): LoopLateness;
  /** Present where the host is a process of its own. */
  usage?: () => Omit<HostUsage, 'pid'>;
  /** Ends the host once the report has been sent. */
  exit(): void;
}

/** Type guard for what reaches a shared-thread host over an untyped channel. */
export function isToSharedThread(value: unknown): value is ToSharedThread {
  if (!isRecord(value)) return false;
  if (!('slot' in value)) return value.type === 'finish';
  return isCount(value.slot) && (value.kill === true || isHostMessage(value.message));
}

/** Type guard for what reaches the engine from a shared-thread host. */
export function isFromSharedThread(value: unknown): value is FromSharedThread {
  if (!isRecord(value)) return false;
  if (!('slot' in value)) {
    const delay = value.eventLoopDelay;
    return (
      value.type === 'report' &&
      isRecord(delay) &&
      [delay.p50Ms, delay.p99Ms, delay.maxMs].every((ms) => typeof ms === 'number') &&
      (value.usage === undefined || isProcessUsage(value.usage))
    );
  }
  if (!isCount(value.slot)) return false;
  if (!('exit' in value)) return isWorkerMessage(value.message);
  const { exit } = value;
  return (
    isRecord(exit) &&
    (exit.code === null || Number.isSafeInteger(exit.code)) &&
    (exit.signal === null || typeof exit.signal === 'string')
  );
}

/** Serves slots on this thread until told to finish. */
export function serveSharedThread(
  port: {
    post(message: FromSharedThread): void;
    onMessage(listener: (m: ToSharedThread) => void): void;
  },
  facts: SharedThreadFacts,
): void {
  const slots = new Map<number, PoolWorker>();
  const slotFor = (index: number): PoolWorker => {
    let slot = slots.get(index);
    if (slot) return slot;
    slot = createInProcessWorker(facts.makeEnv, facts.pid, facts.tid ?? null);
    slot.onMessage((message) => port.post({ slot: index, message }));
    slot.onExit(({ code, signal }) => port.post({ slot: index, exit: { code, signal } }));
    slots.set(index, slot);
    return slot;
  };
  port.onMessage((message) => {
    if ('type' in message) {
      const usage = facts.usage?.();
      port.post({
        type: 'report',
        eventLoopDelay: facts.lateness(),
        ...(usage ? { usage: { pid: facts.pid, ...usage } } : {}),
      });
      facts.exit();
    } else if ('kill' in message) {
      slots.get(message.slot)?.kill();
    } else {
      slotFor(message.slot).post(message.message);
    }
  });
}
