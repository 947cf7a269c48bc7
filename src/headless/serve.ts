/**
 * Browser mode: one HTTP server that serves the built renderer and carries LabApi over a
 * WebSocket at /lab on the same port. Every WebSocket must present the random token from
 * the printed URL and come from this server's own page (DESIGN.md "Why browser mode exists").
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { errorMessage, invalidArgument } from '../shared/errors';
import type { LabApi } from '../shared/lab-api';
import { serveLabApi } from '../shared/lab-server-core';
import { SNAPSHOT_LIMITS } from '../shared/snapshot';
import { errorReply, type LabChannel, type WireMessage } from '../shared/lab-wire';
import {
  ISOLATION_HEADERS,
  contentSecurityPolicy,
  mimeTypeFor,
  rendererPathSegments,
} from '../shared/web-headers';
import { realRendererRoot, resolveRendererFile } from '../main/renderer-files';
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
/** Above this much unsent data a client is too slow; core samples are skipped until it drains. */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
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
}

export interface BrowserServer {
  /** The page URL with the token, e.g. http://127.0.0.1:5173/?token=… */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** host:port as it appears in a URL (IPv6 in brackets). */
function urlHost(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Compares tokens in constant time, so timing does not leak how much of a guess was right. */
function isTokenValid(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers an upgrade request with a plain HTTP status and hangs up. */
function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/** Adapts one WebSocket to a LabChannel: JSON text frames in and out. */
function socketChannel(socket: WebSocket): LabChannel {
  return {
    send(message: WireMessage) {
      if (socket.readyState !== socket.OPEN) return;
      // Core samples are a lossy stream: skip them for a client that cannot keep up rather
      // than buffer without bound. Replies and lab events are never skipped.
      const isSample = message.type === 'event' && message.channel === 'core-sample';
      if (isSample && socket.bufferedAmount > SLOW_CLIENT_BYTES) return;
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      socket.on('message', (data: RawData, isBinary: boolean) => {
        let message: unknown;
        try {
          if (isBinary) throw new Error('binary frame');
          message = JSON.parse(data.toString());
        } catch {
          // Not JSON text: answer like any other malformed request instead of dropping it.
          const reply = errorReply(null, invalidArgument('message', 'must be JSON text'));
          socket.send(JSON.stringify(reply));
          return;
        }
        listener(message);
      });
    },
  };
}

/** Starts browser mode. Resolves once listening; the returned URL carries the token. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((message: string) => console.warn(message));
  const rendererRoot = await realRendererRoot(options.rendererDir);

  const server = createServer((request, response) => {
    serveStatic(request, response).catch((error: unknown) => {
      log(`serve: ${request.url ?? ''}: ${errorMessage(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('internal error');
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const ownHost = urlHost(host, port);
  const csp = contentSecurityPolicy([`ws://${ownHost}`]);
  const allowedOrigins = new Set([`http://${ownHost}`]);
  if (isLoopbackHost(host)) {
    for (const alias of ['127.0.0.1', 'localhost', '::1']) {
      allowedOrigins.add(`http://${urlHost(alias, port)}`);
    }
  } else {
    log(
      `warning: Corelab is listening on ${host}, reachable from other machines; ` +
        'anyone with the URL (and its token) can run work on this computer.',
    );
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
    if (url.pathname !== LAB_SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!isTokenValid(url.searchParams.get('token'), token)) {
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    // Browsers always send Origin on a WebSocket; a page of another site must not connect
    // (cross-site WebSocket hijacking), and a client that hides its origin is refused too.
    const origin = request.headers.origin;
    if (origin === undefined || !allowedOrigins.has(origin)) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      const stop = serveLabApi(options.engine, socketChannel(client), { log });
      client.on('close', stop);
      client.on('error', (error) => log(`lab socket: ${error.message}`));
    });
  });

  const close = async (): Promise<void> => {
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

  return { url: `http://${ownHost}/?token=${token}`, port, close };
}
