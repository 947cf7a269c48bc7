/**
 * What both hosts of the built renderer (the browser-mode HTTP server and the desktop app's
 * app:// protocol) send with every file: a strict CSP, cross-origin isolation (Web Workers
 * get SharedArrayBuffer only in an isolated page) and the MIME type; plus the URL-path check
 * that keeps a request inside the renderer folder.
 */

/** The Content-Security-Policy; `connectSources` adds origins beyond 'self' (the WebSocket). */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    // Recharts and React set style attributes inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response of the renderer carries, besides its CSP and type. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the browser-mode token; never hand it to another site.
  'Referrer-Policy': 'no-referrer',
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

/** The MIME type for a file name, by extension; unknown ones are opaque bytes. */
export function mimeTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * The path segments a URL path names inside the renderer folder, decoded; null when the
 * path is malformed or would leave the folder ("..", encoded slashes or backslashes, NUL,
 * a drive letter). "/" is index.html.
 */
export function rendererPathSegments(urlPath: string): string[] | null {
  if (!urlPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of urlPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // Malformed percent-encoding: not a file we serve.
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments.length === 0 ? ['index.html'] : segments;
}
