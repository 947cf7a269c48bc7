/**
 * Browser mode's bounds (issue 14): one shared frame per event, per-client backpressure,
 * the header timeout, the connection cap and the Host/Origin rules, over real sockets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../../src/headless/serve';
import { createFakeLabApi, modelResult, type FakeLabApi } from '../../fixtures/fake-lab-api';
import { runContent } from '../../fixtures/snapshots';

const TOKEN = 'limits-token-0123456789abcdefghijkl';
let rendererDir: string;
let api: FakeLabApi;
const servers: BrowserServer[] = [];
const sockets: WebSocket[] = [];

beforeAll(() => {
  rendererDir = mkdtempSync(path.join(tmpdir(), 'corelab-limits-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Corelab</title>');
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

async function start(
  options: Partial<Parameters<typeof startBrowserServer>[0]> = {},
): Promise<BrowserServer> {
  api = createFakeLabApi();
  const server = await startBrowserServer({
    engine: api,
    rendererDir,
    token: TOKEN,
    log: () => undefined,
    ...options,
  });
  servers.push(server);
  return server;
}

/** Opens an authorised socket to `host`; resolves with it or the refusal's HTTP status. */
function open(
  server: BrowserServer,
  options: { host?: string; origin?: string } = {},
): Promise<WebSocket | number> {
  const host = options.host ?? '127.0.0.1';
  const origin = options.origin ?? `http://${host}:${server.port}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${host}:${server.port}/lab?token=${TOKEN}`, { origin });
    sockets.push(socket);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

async function openOk(server: BrowserServer): Promise<WebSocket> {
  const socket = await open(server);
  if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
  return socket;
}

/** A GET with a Host header of our choosing. */
function getWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with how long the server took to close a raw connection, or 'open' after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number | 'open'> {
  const startMs = performance.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('open'), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(performance.now() - startMs);
    });
    socket.on('error', () => undefined);
    socket.resume();
  });
}

describe('events for many clients', () => {
  it('sends one shared frame, not a copy per client, to clients that do not read', async () => {
    const server = await start();
    const clients = await Promise.all(Array.from({ length: 10 }, () => openOk(server)));
    for (const client of clients) client.pause();
    await expect.poll(() => api.listenerCount()).toBe(2);
    // ~16 MB of JSON, the size of a 100,000-task run's timeline.
    const entries = Array.from({ length: 220_000 }, (_, i) => ({
      worker: i % 8,
      taskIndex: i,
      startMs: i * 1.25,
      endMs: i * 1.25 + 3.5,
      isOk: true,
      cpu: null,
    }));
    const before = process.memoryUsage().arrayBuffers;
    api.emitEvent({ type: 'tasks', runId: 'r', model: 'worker-threads', entries });
    const grownMiB = (process.memoryUsage().arrayBuffers - before) / 2 ** 20;
    // One frame is ~16 MiB; a copy per client was ~160 MiB.
    expect(grownMiB).toBeLessThan(48);
  });

  it('stops reading a client that does not read its replies, and loses none of them', async () => {
    const server = await start({ clientLimits: { pauseBytes: 64 * 1024, maxInFlight: 8 } });
    const entry = await api.saveSnapshot({
      name: 'big',
      // ~200 KB per reply, so a few dozen fill the kernel's buffers.
      content: runContent([
        modelResult({
          timeline: Array.from({ length: 3000 }, (_, i) => ({
            worker: 0,
            taskIndex: i,
            startMs: i,
            endMs: i + 1,
            isOk: true,
            cpu: null,
          })),
          taskCount: 3000,
          tasksDone: 3000,
          workerBusyFraction: [1, 1],
        }),
      ]),
    });
    expect(entry.name).toBe('big');
    const client = await openOk(server);
    client.pause();
    const requests = 600;
    for (let id = 1; id <= requests; id++) {
      client.send(JSON.stringify({ type: 'request', id, method: 'loadSnapshot', args: ['big'] }));
    }
    const served = (): number => api.calls.filter((c) => c.method === 'loadSnapshot').length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Unbounded, all 600 (~120 MB) would be answered and held for the client by now.
    expect(served()).toBeLessThan(requests / 2);
    let replies = 0;
    const allAnswered = new Promise<void>((resolve) =>
      client.on('message', () => {
        if (++replies === requests) resolve();
      }),
    );
    client.resume();
    await allAnswered;
    expect(served()).toBe(requests);
  }, 30_000);

  it('cuts off a client whose unread data passes the cap, and keeps serving the others', async () => {
    const logged: string[] = [];
    const server = await start({
      clientLimits: { pauseBytes: 64 * 1024, dropBytes: 2 * 1024 * 1024 },
      log: (message) => logged.push(message),
    });
    const stalled = await openOk(server);
    stalled.pause();
    const reader = await openOk(server);
    let readerEvents = 0;
    reader.on('message', () => readerEvents++);
    await expect.poll(() => api.listenerCount()).toBe(2);
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      worker: 0,
      taskIndex: i,
      startMs: i,
      endMs: i + 1,
      isOk: true,
      cpu: null,
    }));
    // ~330 KB each, 300 of them: far past the kernel's buffers and the 2 MiB cap.
    for (let i = 0; i < 300; i++) {
      api.emitEvent({ type: 'tasks', runId: 'r', model: 'worker-threads', entries });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect.poll(() => logged.join('\n')).toMatch(/unread; disconnected/);
    await expect.poll(() => readerEvents, { timeout: 10_000 }).toBe(300);
    expect(reader.readyState).toBe(WebSocket.OPEN);
  }, 30_000);
});

describe('connections', () => {
  it('closes a connection that never finishes its headers', async () => {
    const server = await start({ headersTimeoutMs: 500 });
    const raw = connect({ host: '127.0.0.1', port: server.port });
    raw.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const closedAfter = await closedWithin(raw, 5000);
    expect(closedAfter).not.toBe('open');
    expect(closedAfter).toBeLessThan(3000);
  });

  it('closes connections past the cap as they arrive', async () => {
    const server = await start({ maxConnections: 3 });
    const held = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<Socket>((resolve) => {
            const raw = connect({ host: '127.0.0.1', port: server.port }, () => resolve(raw));
          }),
      ),
    );
    // Let the server accept the three before the fourth arrives.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = connect({ host: '127.0.0.1', port: server.port });
    expect(await closedWithin(extra, 2000)).not.toBe('open');
    for (const raw of held) raw.destroy();
  });
});

/** A port that was free a moment ago, for a server whose --origin must name it. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('Host and Origin', () => {
  it('normalises the bind address: --host 127.1 is loopback and accepts the browser Origin', async () => {
    const logged: string[] = [];
    const server = await start({ host: '127.1', log: (message) => logged.push(message) });
    expect(new URL(server.url).host).toBe(`127.0.0.1:${server.port}`);
    expect(logged.join('\n')).not.toMatch(/reachable from other machines/);
    expect(await open(server)).toBeInstanceOf(WebSocket);
  });

  it('answers only requests whose Host names this server (DNS rebinding)', async () => {
    const server = await start();
    expect(await getWithHost(server.port, `127.0.0.1:${server.port}`)).toBe(200);
    expect(await getWithHost(server.port, `localhost:${server.port}`)).toBe(200);
    expect(await getWithHost(server.port, `attacker.example:${server.port}`)).toBe(421);
    expect(await getWithHost(server.port, `127.0.0.1:${server.port + 1}`)).toBe(421);
    expect(await getWithHost(server.port, `user:pw@127.0.0.1:${server.port}`)).toBe(421);
  });

  it('on a wildcard bind accepts this machine by any of its addresses, and no foreign name', async () => {
    const port = await freePort();
    const server = await start({
      host: '0.0.0.0',
      port,
      origins: [`http://corelab.lan:${port}`],
    });
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info !== undefined && info.family === 'IPv4')
      .map((info) => info!.address);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) {
      expect(await open(server, { host: address }), address).toBeInstanceOf(WebSocket);
      expect(await getWithHost(port, `${address}:${port}`)).toBe(200);
    }
    // The page of a name given by --origin, reached at this machine's address.
    expect(await open(server, { origin: `http://corelab.lan:${port}` })).toBeInstanceOf(WebSocket);
    expect(await getWithHost(port, `corelab.lan:${port}`)).toBe(200);
    expect(await open(server, { origin: `http://attacker.example:${port}` })).toBe(403);
    expect(await getWithHost(port, `attacker.example:${port}`)).toBe(421);
    expect(await getWithHost(port, `192.0.2.1:${port}`)).toBe(421);
  });
});
