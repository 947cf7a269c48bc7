import { describe, expect, it, vi } from 'vitest';
import { loadErrorPageUrl, reportStartupFailure } from '../../../src/main/visible-errors';
import { createMainWindow } from '../../../src/main/window';
import { BrowserWindow } from '../../fixtures/electron';

vi.mock('electron', () => import('../../fixtures/electron'));

/** The HTML inside a data: URL. */
const pageOf = (url: string): string =>
  decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));

describe('a window whose page fails to load', () => {
  function failedWindow(errorCode: number, isMainFrame = true) {
    createMainWindow({ preloadPath: '/p/index.cjs' });
    const window = BrowserWindow.created.at(-1)!;
    const show = vi.spyOn(window, 'show');
    window.webContents.emit(
      'did-fail-load',
      {},
      errorCode,
      'ERR_FILE_NOT_FOUND',
      'app://corelab/index.html',
      isMainFrame,
    );
    return { window, show };
  }

  it('shows an error page saying what failed and what to do', () => {
    const { window, show } = failedWindow(-6);
    expect(show).toHaveBeenCalled();
    expect(window.loadedUrl).toMatch(/^data:text\/html;charset=utf-8,/);
    const page = pageOf(window.loadedUrl!);
    expect(page).toContain('Corelab could not load its window');
    expect(page).toContain('<code>ERR_FILE_NOT_FOUND (-6)</code>');
    expect(page).toContain('npm run build');
    expect(page).not.toContain('<script');
  });

  it('ignores a cancelled load and a subframe', () => {
    expect(failedWindow(-3).window.loadedUrl).toBe('app://corelab/index.html');
    expect(failedWindow(-6, false).show).not.toHaveBeenCalled();
  });

  it('escapes what it quotes', () => {
    expect(pageOf(loadErrorPageUrl('app://x/<script>', -2, 'a "b" & c'))).toContain(
      'app://x/&#60;script&#62;',
    );
  });
});

describe('a start-up failure', () => {
  it('is shown in a dialog, then the app exits with 1', () => {
    const shown: [string, string][] = [];
    const exits: number[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    reportStartupFailure(
      { showErrorBox: (title, content) => void shown.push([title, content]) },
      (code) => exits.push(code),
      new Error('snapshot folder is not writable'),
    );
    expect(shown).toEqual([['Corelab could not start', 'snapshot folder is not writable']]);
    expect(exits).toEqual([1]);
  });
});
