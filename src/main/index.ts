/**
 * The Electron shell: registers app://, hardens every window, starts the engine and wires
 * LabApi to the window over IPC. One setupX() per feature, called in order (STYLE.md §7).
 */
import path from 'node:path';
import { app, dialog, ipcMain, session, type BrowserWindow, type WebContents } from 'electron';
import { readAppProcesses } from './app-metrics';
import { createLabEngine, type LabEngine } from './engine/lab-engine';
import { requiredHost } from './engine/worker-hosts';
import { sharedDataDir } from './engine/snapshot-migration';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { forwardLabEvents, ownWindowSenderCheck, setupIpc } from './ipc';
import { forkDisabledRunner, withForkDisabled, withoutForkOnlyScripts } from './release-build';
import { setupDevServerCsp, setupPermissionDenial, setupWebContentsHardening } from './security';
import { appOrigins } from './trusted-origin';
import { utilityEventLoopRunner, utilityProcessRunner } from './utility-process-runner';
import { utilityPipelineEventLoopHost, utilityPipelineSpawner } from './pipeline-utility-process';
import { reportStartupFailure } from './visible-errors';
import { createMainWindow } from './window';
import { WORKER_SCRIPTS } from './worker-scripts';

const here = import.meta.dirname;
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
// Only an unpackaged app may load its UI from the dev server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const origins = appOrigins(devServerUrl);

// Before ready: the scheme's privileges, the sandbox for every renderer, the hardening.
registerAppScheme();
app.enableSandbox();
setupWebContentsHardening(app, origins);

/** Corelab's own windows' WebContents: the only IPC senders answered. */
const ownContents = new Set<WebContents>();

function openWindow(engine: LabEngine): BrowserWindow {
  const window = createMainWindow({ preloadPath, devServerUrl });
  const contents = window.webContents;
  ownContents.add(contents);
  forwardLabEvents(engine, contents);
  contents.once('destroyed', () => ownContents.delete(contents));
  return window;
}

/** Shuts the engine (workers, sampler) down before the app exits. */
function setupQuit(engine: LabEngine): void {
  let isEngineClosed = false;
  // Corelab is one window; closing it ends the app on macOS too.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (isEngineClosed) return;
    event.preventDefault();
    void engine.close().finally(() => {
      isEngineClosed = true;
      app.quit();
    });
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const appSession = session.defaultSession;
  setupPermissionDenial(appSession);
  setupAppProtocol(appSession, rendererDir);
  if (devServerUrl) setupDevServerCsp(appSession, devServerUrl);

  // A packaged build has the RunAsNode fuse off, which child_process.fork needs.
  const isForkDisabled = app.isPackaged;
  const { 'pipeline-process': pipelineProcess, 'pipeline-event-loop': pipelineEventLoop } =
    WORKER_SCRIPTS.hosts;
  const engine = createLabEngine({
    workerScripts: isForkDisabled ? withoutForkOnlyScripts(WORKER_SCRIPTS) : WORKER_SCRIPTS,
    runtimes: ['node', 'electron-main'],
    versions: { electron: process.versions.electron, chrome: process.versions.chrome },
    // The renderer's, the GPU's and the utility processes' share of every run.
    appProcesses: () => readAppProcesses(),
    // The CLI's folder, so that each sees the other's snapshots; the app's own userData held
    // them before, and what is there moves over.
    dataDir: await sharedDataDir(app.getPath('userData')),
    extraRunners: [
      // In the app the event loop's host is a utility process: nothing blocks the main thread.
      utilityEventLoopRunner(requiredHost(WORKER_SCRIPTS, 'event-loop-host')),
      utilityProcessRunner(requiredHost(WORKER_SCRIPTS, 'child-process')),
      ...(isForkDisabled ? [forkDisabledRunner()] : []),
    ],
    extraPipelineSpawners: pipelineProcess
      ? { 'utility-process': utilityPipelineSpawner(pipelineProcess) }
      : {},
    ...(pipelineEventLoop
      ? { pipelineEventLoopHost: utilityPipelineEventLoopHost(pipelineEventLoop) }
      : {}),
  });
  setupIpc(
    ipcMain,
    isForkDisabled ? withForkDisabled(engine) : engine,
    ownWindowSenderCheck(ownContents, origins),
  );
  setupQuit(engine);
  openWindow(engine);
}

start().catch((error: unknown) => reportStartupFailure(dialog, (code) => app.exit(code), error));
