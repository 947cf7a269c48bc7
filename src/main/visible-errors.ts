/**
 * Errors a person can see. Whoever double-clicked Corelab has no terminal: a start-up failure
 * gets a dialog, and a page that fails to load gets an error page in a window that is shown
 * (the window waits hidden for 'ready-to-show', which a failed load never sends).
 */
import type { BrowserWindow, Dialog } from 'electron';
import { errorMessage } from '../shared/errors';

/** Chromium's net error for a load cancelled by a newer one: not a failure to show. */
const ERR_ABORTED = -3;

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained error page (no script, no outside resource) as a data: URL. */
export function loadErrorPageUrl(url: string, errorCode: number, description: string): string {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Corelab could not load its window</title>
<style>body{font:15px system-ui,sans-serif;background:#111318;color:#e8eaf0;margin:3rem;max-width:44rem}code{color:#f3b3b3}</style></head>
<body><h1>Corelab could not load its window</h1>
<p>Loading <code>${escapeHtml(url)}</code> failed: <code>${escapeHtml(description)} (${errorCode})</code>.</p>
<p>Quit Corelab and start it again. If this keeps happening, reinstall it; from a source checkout, run <code>npm run build</code> first.</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** Replaces a main-frame load failure of `window` with the error page, and shows the window. */
export function showLoadFailures(window: BrowserWindow): void {
  window.webContents.on(
    'did-fail-load',
    (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED || validatedURL.startsWith('data:')) return;
      console.error(`Corelab: loading ${validatedURL} failed: ${errorDescription} (${errorCode})`);
      void window.loadURL(loadErrorPageUrl(validatedURL, errorCode, errorDescription));
      window.show();
    },
  );
}

/** Says why Corelab could not start, in a dialog as well as on stderr, and exits. */
export function reportStartupFailure(
  dialog: Pick<Dialog, 'showErrorBox'>,
  exit: (code: number) => void,
  error: unknown,
): void {
  console.error('Corelab failed to start:', error);
  dialog.showErrorBox('Corelab could not start', errorMessage(error));
  exit(1);
}
