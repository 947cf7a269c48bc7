import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  MAX_PAYLOAD_BYTES,
  startBrowserServer,
  type BrowserServer,
} from '../../../src/headless/serve';
import { createFakeLabApi, HOST_INFO, type FakeLabApi } from '../../fixtures/fake-lab-api';

const TOKEN = 'test-token-0123456789abcdefghijklmn';
let root: string;
let server: BrowserServer;
let api: FakeLabApi;
let origin: string;
const logged: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-serve-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Corelab</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(root, path.join(rendererDir, 'escape'));
  api = createFakeLabApi();
  server = await startBrowserServer({
    engine: api,
    rendererDir,
    token: TOKEN,
    log: (message) => logged.push(message),
  });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written (no URL normalisation). */
function get(
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path: rawPath, method },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket once open, or the HTTP status it was refused with. */
function openSocket(
  query: string,
  headers: { origin?: string } = { origin },
  socketPath = '/lab',
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${socketPath}${query}`, {
      ...(headers.origin === undefined ? {} : { origin: headers.origin }),
    });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

async function openAuthorised(): Promise<WebSocket> {
  const socket = await openSocket(`?token=${TOKEN}`);
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
  return socket;
}

/** A message from the server, loosely typed: these tests check the wire as it is. */
interface Received {
  type?: string;
  id?: number | null;
  ok?: boolean;
  channel?: string;
  payload?: unknown;
}

/** The next message on `socket`, parsed, that satisfies `accept`. */
function nextMessage(
  socket: WebSocket,
  accept: (message: Received) => boolean = () => true,
): Promise<Received> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as Received;
      if (!accept(message)) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

describe('the static renderer', () => {
  it('serves index.html at / with isolation headers and a strict CSP', async () => {
    const response = await get('/?token=whatever');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(response.body).toContain('<title>Corelab</title>');
  });

  it('serves assets with their MIME types', async () => {
    expect((await get('/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for a route but not for a missing asset', async () => {
    expect((await get('/results/latest')).body).toContain('<title>Corelab</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/escape/secret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses to leave the renderer folder: %s', async (rawPath) => {
    const response = await get(rawPath);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('TOP SECRET');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('the /lab WebSocket', () => {
  it('refuses a connection without the token with 401', async () => {
    expect(await openSocket('')).toBe(401);
  });

  it('refuses a wrong token with 401, whatever its length', async () => {
    expect(await openSocket('?token=wrong')).toBe(401);
    expect(await openSocket(`?token=${TOKEN.slice(0, -1)}X`)).toBe(401);
  });

  it('refuses a foreign or missing Origin with 403', async () => {
    expect(await openSocket(`?token=${TOKEN}`, { origin: 'http://evil.example' })).toBe(403);
    expect(
      await openSocket(`?token=${TOKEN}`, { origin: `http://127.0.0.1:${server.port + 1}` }),
    ).toBe(403);
    expect(await openSocket(`?token=${TOKEN}`, {})).toBe(403);
  });

  it('accepts the loopback aliases of its own origin', async () => {
    const socket = await openSocket(`?token=${TOKEN}`, {
      origin: `http://localhost:${server.port}`,
    });
    expect(socket).toBeInstanceOf(WebSocket);
    (socket as WebSocket).close();
  });

  it('refuses an opaque (null) Origin and its own host under another scheme with 403', async () => {
    expect(await openSocket(`?token=${TOKEN}`, { origin: 'null' })).toBe(403);
    expect(
      await openSocket(`?token=${TOKEN}`, { origin: `https://127.0.0.1:${server.port}` }),
    ).toBe(403);
    expect(
      await openSocket(`?token=${TOKEN}`, {
        origin: `http://127.0.0.1.evil.example:${server.port}`,
      }),
    ).toBe(403);
  });

  it('refuses the token in any other spelling or place with 401', async () => {
    expect(await openSocket(`?token=${TOKEN.toUpperCase()}`)).toBe(401);
    expect(await openSocket(`?Token=${TOKEN}`)).toBe(401);
    expect(await openSocket(`?token=&token=${TOKEN}`)).toBe(401);
    expect(await openSocket(`?token=${TOKEN}%00`)).toBe(401);
    expect(await openSocket(`/${TOKEN}`)).toBe(404);
  });

  it('refuses another path with 404', async () => {
    expect(await openSocket(`?token=${TOKEN}`, { origin }, '/other')).toBe(404);
  });

  it('answers a valid request through a real WebSocket client', async () => {
    const socket = await openAuthorised();
    const reply = nextMessage(socket, (message) => message.type === 'reply');
    socket.send(JSON.stringify({ type: 'request', id: 1, method: 'getHostInfo', args: [] }));
    expect(await reply).toEqual({ type: 'reply', id: 1, ok: true, value: HOST_INFO });
    socket.close();
  });

  it('answers malformed messages with typed errors and stays open', async () => {
    const socket = await openAuthorised();
    const replies: Received[] = [];
    socket.on('message', (data) => replies.push(JSON.parse(data.toString()) as Received));
    socket.send('{not json');
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.send(JSON.stringify({ type: 'request', id: 2, method: 'startRun', args: [{}] }));
    socket.send(JSON.stringify({ type: 'request', id: 3, method: 'getHostInfo', args: [] }));
    await expect.poll(() => replies.length).toBe(4);
    expect(replies.slice(0, 3)).toEqual([
      expect.objectContaining({
        id: null,
        ok: false,
        error: expect.objectContaining({ code: 'invalid-argument' }),
      }),
      expect.objectContaining({
        id: null,
        ok: false,
        error: expect.objectContaining({ code: 'invalid-argument' }),
      }),
      expect.objectContaining({
        id: 2,
        ok: false,
        error: expect.objectContaining({ code: 'invalid-argument' }),
      }),
    ]);
    expect(replies[3]).toMatchObject({ id: 3, ok: true });
    socket.close();
  });

  it('closes a connection that sends a frame over the payload limit (1009)', async () => {
    const socket = await openAuthorised();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(MAX_PAYLOAD_BYTES + 1));
    expect(await closed).toBe(1009);
  });

  it('forwards core samples and lab events, and unsubscribes when the client leaves', async () => {
    // Sockets of earlier tests finish closing first.
    await expect.poll(() => api.listenerCount()).toBe(0);
    const socket = await openAuthorised();
    await expect.poll(() => api.listenerCount()).toBe(2);
    const sample = nextMessage(socket, (message) => message.channel === 'core-sample');
    const event = nextMessage(socket, (message) => message.channel === 'lab-event');
    api.emitSample({ t: 5, cores: [25, 75] });
    api.emitEvent({ type: 'sweep-point', runId: 'r', workers: 2, wallMs: 9 });
    expect((await sample).payload).toEqual({ t: 5, cores: [25, 75] });
    expect((await event).payload).toEqual({
      type: 'sweep-point',
      runId: 'r',
      workers: 2,
      wallMs: 9,
    });
    socket.close();
    await expect.poll(() => api.listenerCount()).toBe(0);
  });
});

describe('startBrowserServer', () => {
  it('binds to loopback only unless told otherwise', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    // This machine's other addresses do not answer on the port at all.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info !== undefined && !info.internal && info.family === 'IPv4')
      .map((info) => info!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const probe = connect({ host: address, port: server.port });
        probe.once('connect', () => {
          probe.destroy();
          resolve('connected');
        });
        probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).toBe('ECONNREFUSED');
    }
  });

  it('puts a fresh random token in the URL when none is given', async () => {
    const other = await startBrowserServer({
      engine: api,
      rendererDir: root,
      log: () => undefined,
    });
    const token = new URL(other.url).searchParams.get('token') ?? '';
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(token).not.toBe(TOKEN);
    await other.close();
  });

  it('warns when it listens beyond loopback', async () => {
    const warnings: string[] = [];
    const other = await startBrowserServer({
      engine: api,
      host: '0.0.0.0',
      rendererDir: root,
      log: (message) => warnings.push(message),
    });
    await other.close();
    expect(warnings.join('\n')).toMatch(/reachable from other machines/);
  });

  it('closes connected clients on close()', async () => {
    const other = await startBrowserServer({ engine: api, rendererDir: root, token: TOKEN });
    const socket = new WebSocket(`ws://127.0.0.1:${other.port}/lab?token=${TOKEN}`, {
      origin: `http://127.0.0.1:${other.port}`,
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await other.close();
    expect(await closed).toBe(1001);
  });
});
