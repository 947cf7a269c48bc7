/**
 * Browser mode: one HTTP server that serves the built renderer and carries LabApi over a
 * WebSocket at /lab on the same port. Every WebSocket must present the random token from
 * the printed URL and come from this server's own page (DESIGN.md "Why browser mode exists").
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { LabError, errorMessage } from '../shared/errors';
import type { LabApi } from '../shared/lab-api';
import { SNAPSHOT_LIMITS } from '../shared/snapshot';
import {
  ISOLATION_HEADERS,
  contentSecurityPolicy,
  mimeTypeFor,
  rendererPathSegments,
} from '../shared/web-headers';
import { realRendererRoot, resolveRendererFile } from '../node/renderer-files';
import { createLabSocketHub, type ClientLimits } from './lab-socket-hub';
import { hostRules, isLoopbackHost, isWildcardHost, normalizeHost } from './serve-hosts';
import { cacheControlFor, encodedFile, pickEncoding } from './static-encoding';

/** The WebSocket path of LabApi. */
export const LAB_SOCKET_PATH = '/lab';
/**
 * Largest message a client may send. Most LabApi requests are a few hundred bytes, but a
 * snapshot import carries a whole file (up to SNAPSHOT_LIMITS.maxFileBytes) as a JSON string,
 * whose escaping makes it longer, and a save carries a run's results with every timeline.
 * Twice the file limit covers both; ws holds one message per client at a time, and only a
 * page with the token gets this far.
 */
export const MAX_PAYLOAD_BYTES = 2 * SNAPSHOT_LIMITS.maxFileBytes;
/**
 * A client must finish its request headers this soon; Node checks once a second here, not
 * every 30 s, so a half-open connection is gone in about this time (issue 14 measured 83 s).
 */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Open connections at once, WebSockets included; more are closed as they arrive. */
export const MAX_CONNECTIONS = 64;
/** How long close() waits for clients to answer the close frame before cutting them off. */
const CLOSE_GRACE_MS = 1000;

export interface BrowserServerOptions {
  engine: LabApi;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Defaults to 24 random bytes; tests pass their own. */
  token?: string;
  /** Where warnings go (the non-loopback one, failing sockets). */
  log?: (message: string) => void;
  /** Origins (`http://name:port`) accepted besides the bind address's own: `--origin`. */
  origins?: string[];
  /** Overrides HEADERS_TIMEOUT_MS (tests). */
  headersTimeoutMs?: number;
  /** Overrides MAX_CONNECTIONS (tests). */
  maxConnections?: number;
  /** Overrides the per-client backpressure limits (tests). */
  clientLimits?: Partial<ClientLimits>;
}

export interface BrowserServer {
  /** The page URL with the token, e.g. http://127.0.0.1:5173/?token=… */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** host:port as it appears in a URL; `host` is normalised (IPv6 already in brackets). */
function urlHost(host: string, port: number): string {
  return `${host}:${port}`;
}

/** Compares tokens in constant time, so timing does not leak how much of a guess was right. */
function isTokenValid(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers an upgrade request with a plain HTTP status and hangs up. */
function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 421, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/** Starts browser mode. Resolves once listening; the returned URL carries the token. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = normalizeHost(options.host ?? '127.0.0.1');
  if (host === null) {
    throw new LabError(
      'invalid-argument',
      `host "${options.host ?? ''}" is not a host name or address`,
    );
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((message: string) => console.warn(message));
  const rendererRoot = await realRendererRoot(options.rendererDir);

  const server = createServer({ connectionsCheckingInterval: 1000 }, (request, response) => {
    serveStatic(request, response).catch((error: unknown) => {
      log(`serve: ${request.url ?? ''}: ${errorMessage(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('internal error');
    });
  });
  server.headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  server.requestTimeout = server.headersTimeout;
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  const hub = createLabSocketHub(options.engine, log, options.clientLimits);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // listen() wants an IPv6 address without its URL brackets.
    server.listen(options.port ?? 0, host.replace(/^\[(.*)\]$/, '$1'), () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const ownHost = urlHost(host, port);
  const rules = hostRules(host, port, options.origins);
  if (!isLoopbackHost(host)) {
    log(
      `warning: Corelab is listening on ${host}, reachable from other machines; ` +
        'anyone with the URL (and its token) can run work on this computer.',
    );
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page reached by a name that is not this server's (DNS rebinding) gets nothing.
    if (!rules.isAllowedHost(request.headers.host)) {
      response.writeHead(421, { 'Content-Type': 'text/plain', Connection: 'close' });
      response.end('misdirected request');
      return;
    }
    // The page connects back to the host it was loaded from (a wildcard bind has many).
    const csp = contentSecurityPolicy([`ws://${request.headers.host ?? ownHost}`]);
    const headers = { ...ISOLATION_HEADERS, 'Content-Security-Policy': csp };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
      response.end('method not allowed');
      return;
    }
    const urlPath = (request.url ?? '/').split('?')[0] ?? '/';
    const segments = rendererPathSegments(urlPath);
    if (!segments) {
      response.writeHead(400, { ...headers, 'Content-Type': 'text/plain' });
      response.end('bad path');
      return;
    }
    const file = await resolveRendererFile(rendererRoot, segments);
    if (!file) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    const wanted = pickEncoding(request.headers['accept-encoding']);
    const { body, encoding } = await encodedFile(file, wanted);
    response.writeHead(200, {
      ...headers,
      'Content-Type': mimeTypeFor(file),
      'Content-Length': body.length,
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
      Vary: 'Accept-Encoding',
      'Cache-Control': cacheControlFor(file),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not crash the server; ws adds its own error
    // handling once the upgrade is accepted.
    socket.on('error', () => undefined);
    const url = new URL(request.url ?? '/', 'http://corelab.invalid');
    if (!rules.isAllowedHost(request.headers.host)) {
      return refuseUpgrade(socket, 421, 'Misdirected Request');
    }
    if (url.pathname !== LAB_SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!isTokenValid(url.searchParams.get('token'), token)) {
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    // Browsers always send Origin on a WebSocket; a page of another site must not connect
    // (cross-site WebSocket hijacking), and a client that hides its origin is refused too.
    if (!rules.isAllowedOrigin(request.headers.origin)) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      hub.add(client);
      client.on('error', (error) => log(`lab socket: ${error.message}`));
    });
  });

  const close = async (): Promise<void> => {
    hub.close();
    const clients = [...sockets.clients];
    const closed = clients.map(
      (client) => new Promise<void>((resolve) => client.once('close', () => resolve())),
    );
    for (const client of clients) client.close(1001, 'server closing');
    const timer = setTimeout(() => clients.forEach((client) => client.terminate()), CLOSE_GRACE_MS);
    await Promise.all(closed);
    clearTimeout(timer);
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  };

  // A wildcard address is no place to browse to; loopback reaches it from this machine.
  const shownHost = isWildcardHost(host) ? urlHost('127.0.0.1', port) : ownHost;
  return { url: `http://${shownHost}/?token=${token}`, port, close };
}
