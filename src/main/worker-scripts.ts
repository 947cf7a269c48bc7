/**
 * The worker entry points of the desktop app, bundled by electron-vite next to the main
 * bundle (`?modulePath` gives each one's built path), so the packaged app needs no source tree.
 */
import childProcessPath from '../workers/child-process?modulePath';
import samplerThreadPath from '../workers/sampler-thread?modulePath';
import workerThreadPath from '../workers/worker-thread?modulePath';
import eventLoopHostPath from '../workers/event-loop-host?modulePath';
import pipelineThreadPath from '../workers/pipeline-thread?modulePath';
import pipelineProcessPath from '../workers/pipeline-process?modulePath';
import pipelineEventLoopPath from '../workers/pipeline-event-loop?modulePath';
import snapshotThreadPath from '../workers/snapshot-thread?modulePath';
import messageEchoPath from '../workers/message-echo?modulePath';
import path from 'node:path';
import { app } from 'electron';
import type { WorkerScripts } from './engine/lab-engine';

/**
 * The Python side: a folder that Python runs by its __main__.py. Python cannot read inside
 * app.asar, so the installers ship it as an extra resource (electron-builder.config.mjs); in
 * development it is the source folder.
 */
function pythonScript(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'python')
    : path.join(app.getAppPath(), 'src', 'python');
}

/** Built paths of the worker hosts the engine spawns. */
export const WORKER_SCRIPTS: WorkerScripts = {
  workerThread: workerThreadPath,
  eventLoopHost: eventLoopHostPath,
  childProcess: childProcessPath,
  samplerThread: samplerThreadPath,
  pipelineThread: pipelineThreadPath,
  pipelineProcess: pipelineProcessPath,
  pipelineEventLoop: pipelineEventLoopPath,
  snapshotThread: snapshotThreadPath,
  messageEcho: messageEchoPath,
  python: pythonScript(),
};
