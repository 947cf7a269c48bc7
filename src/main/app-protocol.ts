/**
 * The desktop app's pages come from app://corelab/, a privileged custom scheme, instead of
 * file:// (which would give every page the whole disk as its origin). Each response carries
 * the CSP and the cross-origin isolation headers the Web Workers need.
 */
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import {
  ISOLATION_HEADERS,
  contentSecurityPolicy,
  mimeTypeFor,
  rendererPathSegments,
} from '../shared/web-headers';
import { realRendererRoot, resolveRendererFile } from '../node/renderer-files';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './trusted-origin';

/**
 * Declares app:// standard (relative URLs, storage) and secure (like https), with fetch and
 * CORS so module scripts and module workers load. Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** A plain-text response with the shared headers. */
function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...ISOLATION_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Answers one app:// request from `rendererDir`: only GET, only the app host, only files
 * inside the folder (symlinks resolved), index.html for extension-less routes.
 */
export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return textResponse(405, 'method not allowed');
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
    return textResponse(404, 'not found');
  // new URL() has already resolved "." and ".." segments; the check below catches encoded ones.
  const rawPath = request.url.slice(`${APP_ORIGIN}`.length).split(/[?#]/)[0] || '/';
  const segments = rendererPathSegments(rawPath);
  if (!segments) return textResponse(400, 'bad path');
  const file = await resolveRendererFile(await realRendererRoot(rendererDir), segments);
  if (!file) return textResponse(404, 'not found');
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return new Response(body, {
    status: 200,
    headers: {
      ...ISOLATION_HEADERS,
      'Content-Security-Policy': contentSecurityPolicy(),
      'Content-Type': mimeTypeFor(file),
    },
  });
}

/** Serves app:// from the built renderer in `session`. */
export function setupAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
