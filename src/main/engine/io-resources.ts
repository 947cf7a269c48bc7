/** The I/O resources a run's workloads need: a temp folder and a loopback HTTP server. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IoConfig } from '../../shared/protocol';
import {
  httpBody,
  MAX_HTTP_BODY_BYTES,
  MAX_HTTP_LATENCY_MS,
} from '../../shared/workloads/http-get';
import type { WorkloadNeed } from '../../shared/workloads/types';

/** A run's I/O resources and the one way to release them. */
export interface IoResources {
  io: IoConfig;
  close(): Promise<void>;
}

const DATA_PATH = /^\/data\/(\d{1,9})$/;
const DIGITS = /^\d{1,9}$/;

/** Reads an optional non-negative integer query field; null when malformed or above `max`. */
function queryInteger(url: URL, name: string, max: number, fallback: number): number | null {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  if (!DIGITS.test(text) || Number(text) > max) return null;
  return Number(text);
}

/**
 * Serves GET /data/<taskIndex>?bytes=<n>[&latencyMs=<m>] with httpBody(taskIndex, n), held
 * back m ms; 400 for out-of-range fields, 404 for anything else.
 */
function handleRequest(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const match = DATA_PATH.exec(url.pathname);
  if (request.method !== 'GET' || !match || !url.searchParams.has('bytes')) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const bytes = queryInteger(url, 'bytes', MAX_HTTP_BODY_BYTES, 0);
  const latencyMs = queryInteger(url, 'latencyMs', MAX_HTTP_LATENCY_MS, 0);
  if (bytes === null || latencyMs === null) {
    response.writeHead(400, { 'content-type': 'text/plain' });
    response.end(`bytes must be 0..${MAX_HTTP_BODY_BYTES} and latencyMs 0..${MAX_HTTP_LATENCY_MS}`);
    return;
  }
  const send = (): void => {
    const body = httpBody(Number(match[1]), bytes);
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': body.byteLength,
    });
    response.end(body);
  };
  if (latencyMs === 0) return send();
  const timer = setTimeout(send, latencyMs);
  // A connection dropped while waiting (client gone, server closing) must not fire later.
  response.on('close', () => clearTimeout(timer));
}

/** Starts the loopback server on 127.0.0.1 and an OS-chosen port. */
async function startLoopbackServer(): Promise<Server> {
  const server = createServer(handleRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Stops accepting, drops keep-alive connections (or close() would wait for them), and waits. */
async function stopServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closed;
}

/**
 * Creates what the workloads' needs ask for — a fresh temp folder ('file'), a loopback HTTP
 * server ('http') — and returns their IoConfig with a close() that removes them all.
 */
export async function startIoResources(needs: readonly WorkloadNeed[]): Promise<IoResources> {
  const io: IoConfig = {};
  let tempDir: string | undefined;
  let server: Server | undefined;
  const close = async (): Promise<void> => {
    // Taken before awaiting so a second close() finds nothing left to release.
    const [openServer, openDir] = [server, tempDir];
    server = undefined;
    tempDir = undefined;
    try {
      if (openServer) await stopServer(openServer);
    } finally {
      if (openDir !== undefined) await rm(openDir, { recursive: true, force: true });
    }
  };
  try {
    if (needs.includes('file')) {
      tempDir = await mkdtemp(join(tmpdir(), 'corelab-'));
      io.tempDir = tempDir;
    }
    if (needs.includes('http')) {
      server = await startLoopbackServer();
      io.httpBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { io, close };
}
