/**
 * The burst (issue 7, "Load"): every Node model at once with 2× logical cores workers
 * each, the sampler at its highest rate, and the UI's LabApi over the real WebSocket
 * server still answering within a stated bound.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../../src/headless/serve';
import { MAX_SAMPLER_HZ } from '../../../src/main/engine/core-sampler';
import { createLabEngine, type LabEngine } from '../../../src/main/engine/lab-engine';
import { summarizeLatency } from '../../../src/shared/stats/percentiles';
import { builtScripts } from '../../helpers/built';
import { childPids, waitFor } from '../../helpers/processes';

/**
 * Bounds on getCapabilities round trips during the burst. The event-loop model runs its
 * tasks on the very thread that serves the API, so a call waits for the tasks in hand
 * (about 2 ms each here) and for the other models' messages, all on oversubscribed cores.
 * Measured on an idle 2-core box: p99 about 40 ms, max about 60 ms; with other test
 * suites running beside it, p99 up to 200 ms and max up to 400 ms. The bounds leave room
 * for that, and still fail an API that stalls for a second.
 */
const API_P99_BOUND_MS = 250;
const API_MAX_BOUND_MS = 1000;
const TOKEN = 'burst-token-0123456789abcdefghijkl';
const workers = 2 * availableParallelism();

let root: string;
let server: BrowserServer;
/** Serves the API and runs the event loop model, like the app's own engine. */
let uiEngine: LabEngine;
/** One more engine per parallel model: an engine runs one run at a time. */
let engines: LabEngine[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-burst-'));
  mkdirSync(path.join(root, 'renderer'));
  writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Corelab</title>');
  uiEngine = createLabEngine({
    workerScripts: builtScripts,
    runtimes: ['node'],
    samplerHz: MAX_SAMPLER_HZ,
  });
  engines = [0, 1].map(() => createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] }));
  server = await startBrowserServer({
    engine: uiEngine,
    rendererDir: path.join(root, 'renderer'),
    token: TOKEN,
    log: () => undefined,
  });
});

afterAll(async () => {
  await server.close();
  await Promise.all([uiEngine, ...engines].map((engine) => engine.close()));
  rmSync(root, { recursive: true, force: true });
});

/** A tiny LabApi client over a real WebSocket: calls by id, counts samples. */
async function connect(): Promise<{
  call(method: string, args?: unknown[]): Promise<{ ok: boolean; value?: unknown }>;
  samples(): number;
  close(): void;
}> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/lab?token=${TOKEN}`, {
    origin: `http://127.0.0.1:${server.port}`,
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  let samples = 0;
  const pending = new Map<number, (reply: { ok: boolean; value?: unknown }) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      type: string;
      id?: number;
      ok: boolean;
      value?: unknown;
      channel?: string;
    };
    if (message.type === 'event' && message.channel === 'core-sample') samples++;
    if (message.type === 'reply' && typeof message.id === 'number') {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  return {
    call: (method, args = []) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, method, args }));
      }),
    samples: () => samples,
    close: () => socket.close(),
  };
}

describe('a burst of every Node model at once', () => {
  it(
    `keeps getCapabilities over the WebSocket at p99 < ${API_P99_BOUND_MS} ms`,
    { timeout: 90_000 },
    async () => {
      const client = await connect();
      // A CPU workload of small tasks: each model keeps its `workers` cores' worth busy.
      const workload = { workload: 'cpu.primes', params: { limit: 10_000_000 }, taskCount: 1000 };
      const eventLoopDone = new Promise<void>((resolve) =>
        uiEngine.onEvent((event) => {
          if (event.type === 'run-done' || event.type === 'run-failed') resolve();
        }),
      );
      const started = await client.call('startRun', [
        { ...workload, models: [{ model: 'event-loop', workers }] },
      ]);
      expect(started.ok).toBe(true);
      let isBursting = true;
      const parallel = Promise.all([
        engines[0]!.run({ ...workload, models: [{ model: 'worker-threads', workers }] }),
        engines[1]!.run({ ...workload, models: [{ model: 'child-process', workers }] }),
      ]);
      const all = Promise.all([eventLoopDone, parallel]).finally(() => (isBursting = false));

      const latenciesMs: number[] = [];
      const samplesBefore = client.samples();
      const burstStartMs = performance.now();
      while (isBursting) {
        const startMs = performance.now();
        const reply = await client.call('getCapabilities');
        latenciesMs.push(performance.now() - startMs);
        expect(reply.ok).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const burstMs = performance.now() - burstStartMs;
      const [, results] = await all;
      client.close();

      for (const [result] of results.map((run) => run.results)) expect(result!.verified).toBe(true);
      const latency = summarizeLatency(latenciesMs);
      console.info(
        `burst: ${workers} workers × 3 models for ${burstMs.toFixed(0)} ms, ` +
          `${latenciesMs.length} calls: p50 ${latency.p50Ms.toFixed(1)} ms, ` +
          `p99 ${latency.p99Ms.toFixed(1)} ms, max ${latency.maxMs.toFixed(1)} ms; ` +
          `${client.samples() - samplesBefore} samples at ${MAX_SAMPLER_HZ} Hz`,
      );
      expect(latenciesMs.length).toBeGreaterThan(10);
      expect(latency.p99Ms).toBeLessThan(API_P99_BOUND_MS);
      expect(latency.maxMs).toBeLessThan(API_MAX_BOUND_MS);
      // The sampler kept streaming through the burst: most of its rate arrived.
      expect(client.samples() - samplesBefore).toBeGreaterThan(
        (burstMs / 1000) * MAX_SAMPLER_HZ * 0.4,
      );
      expect(await waitFor(() => childPids().length === 0, 3000)).toBe(true);
    },
  );
});
