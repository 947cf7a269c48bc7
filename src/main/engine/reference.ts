/** The expected checksum of a run, computed once per workload, size and task count. */
import { cancelledError } from '../../shared/errors';
import type { WorkloadParams } from '../../shared/workloads/types';
import { spawnWorkerThread } from './node-spawn';
import type { SpawnOwner } from './spawn-owner';

/** Only finished answers are kept: a computation belongs to the run that asked for it. */
const known = new Map<string, number>();
/** Answers kept at most; the oldest goes first, so a server's memory stays bounded. */
const MAX_KNOWN = 256;

/** Who may end the computation: the run's cancel, and the engine's owner on close. */
export interface ReferenceControl {
  signal?: AbortSignal;
  owner: SpawnOwner;
}

/**
 * Computes (or recalls) a workload's reference checksum on a worker thread. A cancel
 * terminates that thread at once: for large sizes it would otherwise burn a core for as
 * long as a sequential run (issue 14).
 */
export function referenceChecksum(
  script: string,
  workload: string,
  params: WorkloadParams,
  taskCount: number,
  control: ReferenceControl,
): Promise<number> {
  const key = JSON.stringify([workload, params, taskCount]);
  const value = known.get(key);
  if (value !== undefined) return Promise.resolve(value);
  return onReferenceThread(
    script,
    { workload, params, taskCount },
    (message): message is number => typeof message === 'number',
    control,
  ).then((checksum) => {
    known.set(key, checksum);
    if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
    return checksum;
  });
}

/**
 * Every task's expected checksum (a live run checks its tasks one by one), by the
 * workload's independent algorithm on a worker thread.
 */
export function referenceTaskChecksums(
  script: string,
  workload: string,
  params: WorkloadParams,
  taskCount: number,
  control: ReferenceControl,
): Promise<number[]> {
  return onReferenceThread(
    script,
    { workload, params, taskCount, isPerTask: true },
    (message): message is number[] =>
      Array.isArray(message) && message.every((n) => typeof n === 'number'),
    control,
  );
}

/** Computes one reference on a thread of its own, which a cancel or the owner ends. */
function onReferenceThread<T>(
  script: string,
  reference: { workload: string; params: WorkloadParams; taskCount: number; isPerTask?: boolean },
  isAnswer: (message: unknown) => message is T,
  { signal, owner }: ReferenceControl,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const worker = owner.adopt(
      spawnWorkerThread<never, T>(script, { isMessage: isAnswer }, { reference }),
    );
    const onAbort = (): void => {
      worker.kill();
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onMessage(resolve);
    worker.onExit((exit) => {
      signal?.removeEventListener('abort', onAbort);
      const how = exit.error?.message ?? `exited with code ${exit.code}`;
      // After a message this rejection is a no-op: the promise has settled.
      reject(new Error(`reference worker ${how}`));
    });
  });
}
