/**
 * The Electron security checklist, in one place: no permissions, no navigation away from
 * the app, no new windows (allow-listed https links open in the browser), no <webview>,
 * and a CSP on every response the app's session receives.
 */
import { shell, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy, ISOLATION_HEADERS } from '../shared/web-headers';
import { isAppUrl } from './trusted-origin';

/** Sites a Corelab page may open in the user's browser (model cards link to docs). */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = [
  'https://nodejs.org',
  'https://www.electronjs.org',
  'https://developer.mozilla.org',
  'https://en.wikipedia.org',
];

/** True for an https URL on one of the allow-listed sites. */
export function isAllowedExternalUrl(url: string, allowList = EXTERNAL_LINK_ORIGINS): boolean {
  try {
    const parsed = new URL(url);
    // Credentials in a link (either half) would be handed to the site, or dress up a foreign one.
    if (parsed.username || parsed.password) return false;
    return parsed.protocol === 'https:' && allowList.includes(parsed.origin);
  } catch {
    return false; // Not a URL: nothing to open.
  }
}

/**
 * Denies every permission request and check, and every device (HID, serial, USB): Corelab
 * uses no camera, no notifications, nothing.
 */
export function setupPermissionDenial(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Adds the CSP and the isolation headers to responses that do not come from app:// (which
 * sets its own): the dev server's pages. Vite's dev client needs inline scripts and its HMR
 * WebSocket there. Without COOP/COEP the dev page is not crossOriginIsolated, and the
 * SharedArrayBuffer paths (the Web Worker pipeline) would never run in development.
 */
export function setupDevServerCsp(session: Session, devServerUrl: string): void {
  const devOrigin = new URL(devServerUrl);
  const hmr = `ws://${devOrigin.host}`;
  const policy = contentSecurityPolicy([hmr]).replace(
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline'",
  );
  session.webRequest.onHeadersReceived({ urls: [`${devOrigin.origin}/*`] }, (details, callback) => {
    const isolation = Object.fromEntries(
      Object.entries(ISOLATION_HEADERS).map(([name, value]) => [name, [value]]),
    );
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        ...isolation,
        'Content-Security-Policy': [policy],
      },
    });
  });
}

/** Locks down one WebContents: navigation, redirects, new windows and <webview>. */
export function hardenWebContents(contents: WebContents, appOrigins: readonly string[]): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, appOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => refuseForeign(event, url));
  // will-navigate covers only the main frame; this catches iframes too.
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event, url) => refuseForeign(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // The scanner cannot see that isAllowedExternalUrl admits only allow-listed https sites.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
}

/** Hardens every WebContents the app ever creates, the main window's included. */
export function setupWebContentsHardening(
  app: Pick<Electron.App, 'on'>,
  appOrigins: readonly string[],
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigins));
}
