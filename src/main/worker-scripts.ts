/**
 * The worker entry points of the desktop app, bundled by electron-vite next to the main
 * bundle (`?modulePath` gives each one's built path), so the packaged app needs no source tree.
 */
import childProcessPath from '../workers/child-process?modulePath';
import samplerThreadPath from '../workers/sampler-thread?modulePath';
import workerThreadPath from '../workers/worker-thread?modulePath';
import type { WorkerScripts } from './engine/lab-engine';

/** Built paths of the worker hosts the engine spawns. */
export const WORKER_SCRIPTS: WorkerScripts = {
  workerThread: workerThreadPath,
  childProcess: childProcessPath,
  samplerThread: samplerThreadPath,
};
