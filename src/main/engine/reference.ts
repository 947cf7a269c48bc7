/** The expected checksum of a run, computed once per workload, size and task count. */
import { Worker } from 'node:worker_threads';
import type { WorkloadParams } from '../../shared/workloads/types';

const cache = new Map<string, Promise<number>>();

/** Computes (or recalls) a workload's reference checksum on a worker thread. */
export function referenceChecksum(
  script: string,
  workload: string,
  params: WorkloadParams,
  taskCount: number,
): Promise<number> {
  const key = JSON.stringify([workload, params, taskCount]);
  let pending = cache.get(key);
  if (!pending) {
    pending = new Promise<number>((resolve, reject) => {
      const worker = new Worker(script, {
        workerData: { reference: { workload, params, taskCount } },
      });
      worker.once('message', (value: number) => resolve(value));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`reference worker exited with code ${code}`)));
    });
    // A failed computation is not remembered: the next run tries again.
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
