/**
 * Hostile input over the real WebSocket server in front of a real engine (the in-memory
 * transport has the same suite in test/unit/shared/lab-hostile-input.test.ts): typed
 * refusals, nothing reaches the engine that its schemas refuse, no run starts,
 * Object.prototype stays clean, and the server keeps serving.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  MAX_PAYLOAD_BYTES,
  startBrowserServer,
  type BrowserServer,
} from '../../../src/headless/serve';
import { createLabEngine, type LabEngine } from '../../../src/main/engine/lab-engine';
import type { LabEvent } from '../../../src/shared/lab-api';
import { builtScripts } from '../../helpers/built';
import {
  engineRefusedCall,
  malformedMessage,
  prototypeKeys,
  refusalProblem,
  refusedCall,
  VALID_RUN,
  type RawReply,
} from '../../fixtures/hostile-payloads';

const TOKEN = 'hostile-token-0123456789abcdefghij';
const MAX_WORKERS = 4;
let root: string;
let engine: LabEngine;
let server: BrowserServer;
let socket: WebSocket;
const reached: string[] = [];
const events: LabEvent[] = [];
const prototypeBefore = prototypeKeys();
let nextId = 1;

/** Opens an authorised socket, with the origin of the server's own page. */
async function open(): Promise<WebSocket> {
  const client = new WebSocket(`ws://127.0.0.1:${server.port}/lab?token=${TOKEN}`, {
    origin: `http://127.0.0.1:${server.port}`,
  });
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  return client;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-hostile-ws-'));
  mkdirSync(path.join(root, 'renderer'));
  writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Corelab</title>');
  engine = createLabEngine({
    workerScripts: builtScripts,
    runtimes: ['node'],
    maxWorkers: MAX_WORKERS,
    dataDir: path.join(root, 'data'),
  });
  engine.onEvent((event) => events.push(event));
  const spied = new Proxy(engine, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (
        typeof value !== 'function' ||
        typeof property !== 'string' ||
        property.startsWith('on')
      ) {
        return value;
      }
      return (...args: unknown[]) => {
        reached.push(property);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  server = await startBrowserServer({
    engine: spied,
    rendererDir: path.join(root, 'renderer'),
    token: TOKEN,
    log: () => undefined,
  });
  socket = await open();
});

afterAll(async () => {
  socket.close();
  await server.close();
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

/** Sends one frame and resolves with the next reply on the socket. */
function send(frame: string | Buffer, client: WebSocket = socket): Promise<RawReply> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as RawReply;
      if (message.type !== 'reply') return;
      client.off('message', onMessage);
      resolve(message);
    };
    client.on('message', onMessage);
    client.send(frame, { binary: Buffer.isBuffer(frame) });
  });
}

describe('hostile input over the WebSocket server', () => {
  it('refuses every call its schemas refuse, with a typed error, before the engine', async () => {
    await fc.assert(
      fc.asyncProperty(refusedCall, async ({ method, args }) => {
        const id = nextId++;
        const reply = await send(JSON.stringify({ type: 'request', id, method, args }));
        expect(refusalProblem(reply, ['invalid-argument'])).toBeNull();
        expect(reply.id).toBe(id);
      }),
      { numRuns: 150 },
    );
    expect(reached).toEqual([]);
  });

  it('answers malformed messages, binary frames and non-JSON text with typed errors', async () => {
    const frame = fc.oneof(
      malformedMessage.map((message) => JSON.stringify(message) ?? 'undefined'),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      // Nesting far past any schema, still under the frame limit.
      fc.integer({ min: 33, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (data) => {
        const reply = await send(data);
        expect(refusalProblem(reply, ['invalid-argument'])).toBeNull();
      }),
      { numRuns: 150 },
    );
    expect(reached).toEqual([]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses what only the engine can judge with its code, and starts no run', async () => {
    await fc.assert(
      fc.asyncProperty(engineRefusedCall(MAX_WORKERS), async ({ call, code }) => {
        const reply = await send(JSON.stringify({ type: 'request', id: nextId++, ...call }));
        expect(refusalProblem(reply, [code])).toBeNull();
      }),
      { numRuns: 100 },
    );
    expect(events).toEqual([]);
  });

  it('cuts off an oversize frame, and goes on serving everyone else', async () => {
    const victim = await open();
    const closed = new Promise<number>((resolve) => victim.once('close', (code) => resolve(code)));
    victim.send('x'.repeat(MAX_PAYLOAD_BYTES + 1));
    expect(await closed).toBe(1009);
    const reply = await send(
      JSON.stringify({ type: 'request', id: 1, method: 'getHostInfo', args: [] }),
    );
    expect(reply).toMatchObject({ id: 1, ok: true });
    const fresh = await open();
    expect(
      await send(
        JSON.stringify({ type: 'request', id: 2, method: 'getCapabilities', args: [] }),
        fresh,
      ),
    ).toMatchObject({ ok: true });
    fresh.close();
  });

  it('leaves Object.prototype untouched and the engine idle and serving', async () => {
    expect(prototypeKeys()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(events).toEqual([]);
    const done = new Promise<LabEvent>((resolve) =>
      engine.onEvent((event) => event.type === 'run-done' && resolve(event)),
    );
    const reply = (await send(
      JSON.stringify({ type: 'request', id: nextId++, method: 'startRun', args: [VALID_RUN] }),
    )) as RawReply & { value?: { runId?: string } };
    expect(reply.ok).toBe(true);
    expect((await done).runId).toBe(reply.value?.runId);
  });
});
