import { describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../../src/main/window';
import { BrowserWindow } from '../../fixtures/electron';

vi.mock('electron', () => import('../../fixtures/electron'));

/** The options the main window was created with, through the electron stand-in. */
function createdOptions(devServerUrl?: string) {
  createMainWindow({ preloadPath: '/p/index.cjs', devServerUrl });
  const window = BrowserWindow.created.at(-1)!;
  return { window, webPreferences: window.options.webPreferences as Record<string, unknown> };
}

describe('the main window', () => {
  it('is isolated, sandboxed and without Node (checklist 2, 3, 4)', () => {
    expect(createdOptions().webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and insecure content off (checklist 6, 8)', () => {
    expect(createdOptions().webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('enables no experimental or Blink features, and no <webview> (checklist 9, 10, 11)', () => {
    const { webPreferences } = createdOptions();
    expect(webPreferences).toMatchObject({ experimentalFeatures: false, webviewTag: false });
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads the app:// page, or the dev server when given one (checklist 1, 18)', () => {
    const built = createdOptions().window;
    const dev = createdOptions('http://localhost:5173').window;
    expect(built.loadedUrl).toBe('app://corelab/index.html');
    expect(dev.loadedUrl).toBe('http://localhost:5173');
    expect(built.options).toMatchObject({ minWidth: 1024, minHeight: 700, show: false });
  });
});
