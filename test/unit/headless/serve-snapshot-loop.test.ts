/**
 * Listing, importing, loading and exporting big snapshots does not stall browser mode's loop
 * (issue 14: ten 27 MB files listed in 10.6 s of stall): the files are parsed on the snapshot
 * reader's thread. The real engine and server, real files, a real WebSocket client.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../../src/headless/serve';
import { createLabEngine, type LabEngine } from '../../../src/main/engine/lab-engine';
import { parseSnapshot, serializeSnapshot } from '../../../src/shared/snapshot';
import { modelResult } from '../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot } from '../../fixtures/snapshots';
import { builtScripts } from '../../helpers/built';

const TOKEN = 'loop-token-0123456789abcdefghijklmnop';
const FILES = 4;
let root: string;
let engine: LabEngine;
let server: BrowserServer;
let bigText: string;
/** How long parsing one of the files takes in this thread: the stall to beat. */
let parseMs: number;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-loop-'));
  const snapshotDir = path.join(root, 'data', 'snapshots');
  mkdirSync(snapshotDir, { recursive: true });
  const timeline = Array.from({ length: 60_000 }, (_, i) => ({
    worker: i % 4,
    taskIndex: i,
    startMs: i * 0.75,
    endMs: i * 0.75 + 2.125,
    isOk: true,
    cpu: null,
  }));
  const results = [1, 2, 3].map((workers) =>
    modelResult({
      workers,
      taskCount: 60_000,
      tasksDone: 60_000,
      timeline,
      workerBusyFraction: Array(workers).fill(1),
    }),
  );
  bigText = serializeSnapshot(sampleSnapshot('big', runContent(results)));
  const first = path.join(snapshotDir, 'big-0.json');
  writeFileSync(first, bigText);
  for (let i = 1; i < FILES; i++) copyFileSync(first, path.join(snapshotDir, `big-${i}.json`));
  const startMs = performance.now();
  parseSnapshot(readFileSync(first, 'utf8'), 'big-0.json');
  parseMs = performance.now() - startMs;

  const rendererDir = path.join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Corelab</title>');
  engine = createLabEngine({
    workerScripts: builtScripts,
    runtimes: ['node'],
    dataDir: path.join(root, 'data'),
  });
  server = await startBrowserServer({ engine, rendererDir, token: TOKEN, log: () => undefined });
}, 120_000);

afterAll(async () => {
  await server.close();
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

/**
 * Sends one request on a fresh socket and resolves with the reply's raw text, unparsed: a
 * big reply parsed here would stall the loop being measured, which the server shares.
 */
async function callRaw(method: string, args: unknown[]): Promise<string> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/lab?token=${TOKEN}`, {
    origin: `http://127.0.0.1:${server.port}`,
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const reply = new Promise<string>((resolve) =>
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (/^\{"type":"reply","id":1,/.test(text)) resolve(text);
    }),
  );
  socket.send(JSON.stringify({ type: 'request', id: 1, method, args }));
  const text = await reply;
  socket.close();
  return text;
}

/** Sends one request on a fresh socket and resolves with the reply's value (or error). */
async function call(
  method: string,
  args: unknown[],
): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/lab?token=${TOKEN}`, {
    origin: `http://127.0.0.1:${server.port}`,
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const reply = new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>(
    (resolve) =>
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type: string; id: number };
        if (message.type === 'reply' && message.id === 1) resolve(message as never);
      }),
  );
  socket.send(JSON.stringify({ type: 'request', id: 1, method, args }));
  const value = await reply;
  socket.close();
  return value;
}

/** The longest the loop was held up while `work` ran, in ms. */
async function longestStallMs(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await work();
  histogram.disable();
  return histogram.max / 1e6;
}

describe('big snapshots and the server loop', () => {
  it('lists them without holding the loop for a file parse', async () => {
    expect(parseMs).toBeGreaterThan(100);
    let entries: { name: string; error: string | null }[] = [];
    const stallMs = await longestStallMs(async () => {
      const reply = await call('listSnapshots', []);
      entries = reply.value as typeof entries;
    });
    expect(entries.map((e) => [e.name, e.error]).sort()).toEqual(
      Array.from({ length: FILES }, (_, i) => [`big-${i}`, null]),
    );
    // In this thread, each file would hold the loop for parseMs, FILES times over.
    expect(stallMs).toBeLessThan(parseMs / 2);
  }, 60_000);

  it('imports one without holding the loop for its parse', async () => {
    const text = bigText.replace('"name":"big"', '"name":"imported"');
    let reply: Awaited<ReturnType<typeof call>> | null = null;
    const stallMs = await longestStallMs(async () => {
      reply = await call('importSnapshot', [text, 'imported.json']);
    });
    expect(reply).toMatchObject({ ok: true, value: { name: 'imported', error: null } });
    expect(stallMs).toBeLessThan(parseMs / 2);
  }, 60_000);

  it('loads one without holding the loop for its parse', async () => {
    let reply = '';
    const stallMs = await longestStallMs(async () => {
      reply = await callRaw('loadSnapshot', ['big-1']);
    });
    console.log(
      `loadSnapshot: longest stall ${stallMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms`,
    );
    const parsed = JSON.parse(reply) as { ok: boolean; value: { name: string; content: unknown } };
    expect(parsed.ok).toBe(true);
    expect(parsed.value.name).toBe('big-1');
    expect(parsed.value).toEqual(
      JSON.parse(serializeSnapshot({ ...parseSnapshot(bigText, 'x'), name: 'big-1' })),
    );
    expect(stallMs).toBeLessThan(parseMs / 2);
  }, 60_000);

  it.each(['json', 'csv', 'trace'] as const)(
    'exports one as %s without holding the loop for its parse',
    async (format) => {
      let reply = '';
      const stallMs = await longestStallMs(async () => {
        reply = await callRaw('exportSnapshot', ['big-2', format]);
      });
      console.log(
        `exportSnapshot ${format}: longest stall ${stallMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms`,
      );
      const parsed = JSON.parse(reply) as {
        ok: boolean;
        value: { fileName: string; text: string };
      };
      expect(parsed.ok).toBe(true);
      expect(parsed.value.fileName).toMatch(/^big-2\./);
      // CSV holds one row per model; JSON and the Chrome trace carry every task.
      expect(parsed.value.text.length).toBeGreaterThan(format === 'csv' ? 100 : 1_000_000);
      expect(stallMs).toBeLessThan(parseMs / 2);
    },
    60_000,
  );
});
