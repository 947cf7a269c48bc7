/**
 * Runs SnapshotJobs on a worker thread of their own (one per batch, ended after it), or in
 * this thread where no script is given (the CLI, whose loop serves no one else).
 */
import { Worker } from 'node:worker_threads';
import { LabError } from '../../shared/errors';
import {
  runSnapshotJob,
  type SnapshotJob,
  type SnapshotJobResult,
} from '../../shared/snapshot-job';

/** Runs jobs one at a time for the duration of `use`. */
export type SnapshotJobBatch = <T>(
  use: (run: (job: SnapshotJob) => Promise<SnapshotJobResult>) => Promise<T>,
) => Promise<T>;

/** A batch runner on `scriptPath`'s thread, or in-thread without one. */
export function snapshotJobBatch(scriptPath: string | undefined): SnapshotJobBatch {
  if (!scriptPath) return (use) => use(async (job) => runSnapshotJob(job));
  return async (use) => {
    // Started on the first job: a batch of none starts no thread.
    const thread: { worker: Worker | null; failure: LabError | null } = {
      worker: null,
      failure: null,
    };
    const start = (): Worker => {
      const started = new Worker(scriptPath);
      started.on('error', (error) => {
        thread.failure = new LabError('internal', `snapshot reader failed: ${error.message}`);
      });
      return started;
    };
    const run = (job: SnapshotJob): Promise<SnapshotJobResult> => {
      const worker = (thread.worker ??= start());
      return new Promise((resolve, reject) => {
        const onExit = (): void =>
          reject(thread.failure ?? new LabError('internal', 'snapshot reader exited'));
        worker.once('exit', onExit);
        worker.once('message', (result: SnapshotJobResult) => {
          worker.off('exit', onExit);
          resolve(result);
        });
        worker.postMessage(job);
      });
    };
    try {
      return await use(run);
    } finally {
      await thread.worker?.terminate();
    }
  };
}
