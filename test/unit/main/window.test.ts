import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, secureWebPreferences } from '../../../src/main/window';
import { BrowserWindow } from '../../fixtures/electron';

vi.mock('electron', () => import('../../fixtures/electron'));

describe('the main window', () => {
  it('is isolated, sandboxed and without Node, whatever else changes', () => {
    expect(secureWebPreferences('/p/index.cjs')).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(secureWebPreferences('/p')).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the app:// page, or the dev server when given one', () => {
    createMainWindow({ preloadPath: '/p/index.cjs' });
    createMainWindow({ preloadPath: '/p/index.cjs', devServerUrl: 'http://localhost:5173' });
    const [built, dev] = BrowserWindow.created.slice(-2);
    expect(built?.loadedUrl).toBe('app://corelab/index.html');
    expect(dev?.loadedUrl).toBe('http://localhost:5173');
    expect(built?.options).toMatchObject({ minWidth: 1024, minHeight: 700, show: false });
  });
});
