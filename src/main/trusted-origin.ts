/**
 * Which URLs are Corelab's own pages: app://corelab/ in a built app, and the electron-vite
 * dev server when ELECTRON_RENDERER_URL names one. Everything else is foreign. No Electron
 * import, so the checks are testable in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'corelab';
/** The origin of every Corelab page in the desktop app. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window opens. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * scheme://host[:port] of a URL. Node's URL gives custom schemes an opaque 'null' origin,
 * so it is built from the parts, the way Chromium sees a standard scheme's origin.
 */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** The origins of Corelab's pages in this run of the app. */
export function appOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) origins.push(originOf(new URL(devServerUrl)));
  return origins;
}

/** True when `url` is a page of one of `origins`; malformed URLs never are. */
export function isAppUrl(url: string | undefined, origins: readonly string[]): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    // Credentials in a URL are a classic way to make a foreign origin look like ours.
    if (parsed.username || parsed.password) return false;
    return origins.includes(originOf(parsed));
  } catch {
    return false; // Not a URL at all: certainly not ours.
  }
}
