/**
 * The event-loop model, engine side: each run starts one host (a worker thread here, a
 * utility process in the app) and its pool workers become slots on that host's one loop
 * (src/shared/pool/shared-thread.ts). Kernels never run on the engine's own thread.
 */
import type { ModelId } from '../../shared/models';
import type { PoolWorker, WorkerExit } from '../../shared/pool/run-pool';
import {
  isFromSharedThread,
  type FromSharedThread,
  type ToSharedThread,
} from '../../shared/pool/shared-thread';
import { spawnWorkerThread, type SpawnedHandle } from './node-spawn';
import type { RunWorkers, SharedHostReport, SharedHostRunner } from './runner';

/** A started host of the event-loop model. */
export type SharedThreadHandle = SpawnedHandle<ToSharedThread, FromSharedThread>;

/** How long a finished host may take to send its report before it is ended anyway. */
const REPORT_TIMEOUT_MS = 1_000;

/** A slot as the engine sees it: the pool's listeners and how it ended. */
interface SlotState {
  onMessage: ((message: Extract<FromSharedThread, { message: unknown }>['message']) => void) | null;
  onExit: ((exit: WorkerExit) => void) | null;
  exit: WorkerExit | null;
  isKilled: boolean;
}

/** Ends a slot once; later exits (the host's own, after a kill) are ignored. */
function endSlot(slot: SlotState, exit: WorkerExit): void {
  if (slot.exit) return;
  slot.exit = exit;
  slot.onExit?.(exit);
}

/** One run's slots on one host, started at the first spawn (the event loop's, Python's live one). */
export function openSharedHost(spawnHost: () => SharedThreadHandle): RunWorkers {
  const slots = new Map<number, SlotState>();
  let host: SharedThreadHandle | null = null;
  let hostExit: WorkerExit | null = null;
  let settleReport: (report: SharedHostReport) => void = () => undefined;
  const report = new Promise<SharedHostReport>((resolve) => (settleReport = resolve));

  const startHost = (): SharedThreadHandle => {
    const started = spawnHost();
    started.onMessage((message) => {
      if ('type' in message) {
        settleReport({
          eventLoopDelay: message.eventLoopDelay,
          ...(message.usage ? { usage: message.usage } : {}),
        });
        return;
      }
      const slot = slots.get(message.slot);
      if (!slot) return;
      if ('exit' in message) endSlot(slot, { ...message.exit });
      else if (!slot.exit) slot.onMessage?.(message.message);
    });
    started.onExit((exit) => {
      hostExit = exit;
      // Every slot lived on this host: a crash of it is a crash of each.
      for (const slot of slots.values()) endSlot(slot, exit);
      settleReport({});
    });
    return started;
  };

  return {
    spawn(index): PoolWorker {
      // Started here, not when the run opens: a host that cannot start fails the spawn, which
      // the pool reports as the run's error.
      host ??= startHost();
      const onHost = host;
      const slot: SlotState = { onMessage: null, onExit: null, exit: null, isKilled: false };
      slots.set(index, slot);
      return {
        post: (message) => onHost.post({ slot: index, message }),
        onMessage: (listener) => (slot.onMessage = listener),
        onExit: (listener) => {
          slot.onExit = listener;
          if (slot.exit) listener(slot.exit);
        },
        kill: () => {
          slot.isKilled = true;
          onHost.post({ slot: index, kill: true });
          endSlot(slot, { code: null, signal: 'SIGKILL' });
        },
      };
    },
    async finish() {
      if (!host) return {};
      const slotStates = [...slots.values()];
      // A cancel kills every slot, maybe in the middle of a CPU-bound task that would not let
      // the host answer: end it at once. Otherwise (all done, or one hung task abandoned)
      // its loop is free to report.
      if (!hostExit && !slotStates.every((slot) => slot.isKilled)) {
        host.post({ type: 'finish' });
        const timer = setTimeout(() => settleReport({}), REPORT_TIMEOUT_MS);
        const answer = await report;
        clearTimeout(timer);
        host.kill();
        return answer;
      }
      host.kill();
      return hostExit ? report : {};
    },
  };
}

/** The event-loop model; `spawnHost` starts its host (a worker thread by default). */
export function eventLoopRunner(
  spawnHost: () => SharedThreadHandle,
  isInProcess: boolean,
  model: ModelId = 'event-loop',
): SharedHostRunner {
  return {
    model,
    isInProcess,
    openRun: () => openSharedHost(spawnHost),
    // Exiting or exhausting the heap would end the one thread every task in flight shares.
    unavailableFor: (workloadId, needs) =>
      needs.includes('worker-exit') || needs.includes('memory-limit')
        ? `${workloadId} would end the one thread that every event-loop task shares`
        : null,
  };
}

/** A model of the event loop's kind on a worker thread of the engine's process (CLI, browser mode). */
export function threadEventLoopRunner(
  script: string,
  model: ModelId = 'event-loop',
): SharedHostRunner {
  return eventLoopRunner(
    () => spawnWorkerThread(script, { isMessage: isFromSharedThread }),
    true,
    model,
  );
}
