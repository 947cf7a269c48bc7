/** The main window: sandboxed, isolated, no Node; its page is the app:// renderer. */
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './trusted-origin';

export interface MainWindowOptions {
  preloadPath: string;
  /** The electron-vite dev server, when running `electron-vite dev`. */
  devServerUrl?: string;
}

/** The webPreferences of every Corelab window (checked by test/unit/main/window.test.ts). */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Creates the main window and loads the UI; shows it once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Corelab',
    backgroundColor: '#111318',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.devServerUrl ?? APP_INDEX_URL);
  return window;
}
