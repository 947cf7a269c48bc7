/** The main window: sandboxed, isolated, no Node; its page is the app:// renderer. */
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './trusted-origin';
import { showLoadFailures } from './visible-errors';

export interface MainWindowOptions {
  preloadPath: string;
  /** The electron-vite dev server, when running `electron-vite dev`. */
  devServerUrl?: string;
}

/**
 * Creates the main window and loads the UI; shows it once it has painted, or with an error
 * page when the load fails. The webPreferences stay a literal inside `new BrowserWindow(...)`
 * so Electronegativity can read every value (checked by test/unit/main/window.test.ts too).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Corelab',
    backgroundColor: '#111318',
    webPreferences: {
      // Reviewed, as the scanner asks: the preload exposes LabApi through contextBridge and
      // nothing else (test/unit/preload/expose-lab-api.test.ts).
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
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
      // A middle click would otherwise ask for a new window (refused anyway, see security.ts).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  showLoadFailures(window);
  void window.loadURL(options.devServerUrl ?? APP_INDEX_URL);
  return window;
}
