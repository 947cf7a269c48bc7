/**
 * The worker entry points of the desktop app: every file of src/workers/hosts, bundled by
 * electron-vite next to the main bundle (`?modulePath` gives each one's built path), so the
 * packaged app needs no source tree and a new host needs no line here.
 */
import path from 'node:path';
import { app } from 'electron';
import type { WorkerScripts } from './engine/worker-hosts';

const builtHosts = import.meta.glob<string>('../workers/hosts/*.ts', {
  query: '?modulePath',
  import: 'default',
  eager: true,
});

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

/** Built paths of the worker hosts the engine spawns, by host name. */
export const WORKER_SCRIPTS: WorkerScripts = {
  hosts: Object.fromEntries(
    Object.entries(builtHosts).map(([file, built]) => [path.basename(file, '.ts'), built]),
  ),
  python: pythonScript(),
};
