/**
 * Expected checksums for renderer-side runs, computed in a Web Worker (some kernels' only
 * reference is a sequential run, seconds of CPU the window must not freeze for). A run's is
 * remembered, so a sweep or a second run pays once; a live run's, one per task, is not.
 */
import { cancelledError, LabError } from '../../shared/errors';
import type { WorkloadParams } from '../../shared/workloads/types';
import {
  REFERENCE_WORKER_NAME,
  type ReferenceReply,
  type ReferenceRequest,
} from '../../shared/reference-worker-protocol';

const known = new Map<string, number>();

function keyOf(workload: string, params: WorkloadParams, taskCount: number): string {
  const sorted = Object.keys(params)
    .sort()
    .map((name) => [name, params[name]]);
  return JSON.stringify([workload, sorted, taskCount]);
}

/** Records a checksum some other host already computed for these inputs (the engine's). */
export function rememberReference(
  workload: string,
  params: WorkloadParams,
  taskCount: number,
  checksum: number,
): void {
  known.set(keyOf(workload, params, taskCount), checksum);
}

/** Whether the checksum for these inputs is known without computing it. */
export function hasReference(workload: string, params: WorkloadParams, taskCount: number): boolean {
  return known.has(keyOf(workload, params, taskCount));
}

/** The expected checksum of a run, from memory or a reference worker. */
export async function referenceChecksum(
  workload: string,
  params: WorkloadParams,
  taskCount: number,
  signal?: AbortSignal,
): Promise<number> {
  const key = keyOf(workload, params, taskCount);
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const checksum = await computeInWorker(
    { workload, params, taskCount },
    (reply) => ('checksum' in reply ? reply.checksum : null),
    signal,
  );
  known.set(key, checksum);
  return checksum;
}

/**
 * Every task's expected checksum at these params (a live run checks its tasks one by one),
 * computed in a Web Worker by the workload's independent algorithm.
 */
export function referenceTaskChecksums(
  workload: string,
  params: WorkloadParams,
  taskCount: number,
): Promise<number[]> {
  return computeInWorker({ workload, params, taskCount, isPerTask: true }, (reply) =>
    'checksums' in reply ? reply.checksums : null,
  );
}

function computeInWorker<T>(
  request: ReferenceRequest,
  answer: (reply: ReferenceReply) => T | null,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const worker = new Worker(new URL('../../workers/web-worker.ts', import.meta.url), {
      type: 'module',
      name: REFERENCE_WORKER_NAME,
    });
    const done = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<ReferenceReply>) => {
      done();
      const reply = event.data;
      const value = answer(reply);
      if (value !== null) resolve(value);
      else {
        const why = 'error' in reply ? reply.error.message : 'an answer of the wrong kind';
        reject(new LabError('internal', `reference checksum failed: ${why}`));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done();
      reject(
        new LabError('internal', `reference worker failed: ${event.message || 'could not load'}`),
      );
    };
    worker.postMessage(request);
  });
}
