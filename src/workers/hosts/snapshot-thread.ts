/** The snapshot reader's thread: runs each SnapshotJob posted to it, off the engine's loop. */
import { parentPort } from 'node:worker_threads';
import { runSnapshotJob, type SnapshotJob } from '../../shared/snapshot-job';

parentPort?.on('message', (job: SnapshotJob) => parentPort?.postMessage(runSnapshotJob(job)));
