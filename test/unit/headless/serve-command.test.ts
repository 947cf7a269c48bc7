/**
 * `corelab serve` end to end without a browser: the real engine behind the real server,
 * driven by the same client code the page uses. Proves that what the engine emits passes
 * the wire schemas (a mismatch would be dropped and logged on the page).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { runServe, type ServeEnv } from '../../../src/headless/serve-command';
import type { LabApi, LabEvent } from '../../../src/shared/lab-api';
import { openLabConnection } from '../../../src/renderer/lab-transport';

const workersDir = path.resolve('out/workers');
let rendererDir: string;

beforeAll(() => {
  rendererDir = mkdtempSync(path.join(tmpdir(), 'corelab-serve-command-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Corelab</title>');
});

afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

/** Starts `corelab serve` in-process; resolves with its URL and a way to stop it. */
async function startServe(argv: string[] = []) {
  let stop!: () => void;
  const lines: string[] = [];
  let onUrl!: (url: string) => void;
  const url = new Promise<string>((resolve) => (onUrl = resolve));
  const env: ServeEnv = {
    workerScripts: {
      hosts: Object.fromEntries(
        ['worker-thread', 'event-loop-host', 'child-process', 'sampler-thread'].map((name) => [
          name,
          path.join(workersDir, `${name}.js`),
        ]),
      ),
    },
    rendererDir,
    untilStop: () => new Promise<void>((resolve) => (stop = resolve)),
    print: (line) => {
      lines.push(line);
      const match = /running at (\S+)/.exec(line);
      if (match?.[1]) onUrl(match[1]);
    },
  };
  const exitCode = runServe(argv, env);
  return { url: await url, lines, exitCode, stop: () => stop() };
}

/** Connects the page's transport (with Node's ws in place of the browser's WebSocket). */
async function connect(url: string, logged: string[]): Promise<LabApi> {
  const origin = new URL(url).origin;
  return openLabConnection({
    pageUrl: url,
    openSocket: (socketUrl) => new WebSocket(socketUrl, { origin }),
    log: (message) => logged.push(message),
  }).ready;
}

/** The first event for `runId` that ends it. */
function runEnd(lab: LabApi, runId: () => string | null): Promise<LabEvent> {
  return new Promise((resolve) => {
    const stop = lab.onEvent((event) => {
      const isEnd = event.type === 'run-done' || event.type === 'run-failed';
      if (isEnd && event.runId === runId()) {
        stop();
        resolve(event);
      }
    });
  });
}

describe('corelab serve', () => {
  it('refuses to start when the UI is not built, saying what to run', async () => {
    const missing = path.join(rendererDir, 'nope');
    await expect(
      runServe([], {
        workerScripts: { hosts: {} },
        rendererDir: missing,
        untilStop: () => Promise.resolve(),
        print: () => undefined,
      }),
    ).rejects.toThrow(/npm run build/);
  });

  it('serves the real engine: a run completes verified, every message valid', async () => {
    const serve = await startServe(['--host', '127.0.0.1', '--port', '0']);
    const logged: string[] = [];
    const lab = await connect(serve.url, logged);

    const capabilities = await lab.getCapabilities();
    expect(
      capabilities.models.find((model) => model.id === 'utility-process')?.unavailableReason,
    ).toMatch(/Electron/);
    const samples: number[] = [];
    lab.onCoreSample((sample) => samples.push(sample.cores.length));
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));

    let runId: string | null = null;
    const ended = runEnd(lab, () => runId);
    runId = (
      await lab.startRun({
        workload: 'cpu.primes',
        params: { limit: 20_000 },
        taskCount: 8,
        models: [
          { model: 'event-loop', workers: 2 },
          { model: 'worker-threads', workers: 2 },
          { model: 'child-process', workers: 2 },
        ],
      })
    ).runId;
    const end = await ended;

    expect(end.type).toBe('run-done');
    if (end.type !== 'run-done') return;
    expect(end.result.results.map((result) => [result.model, result.verified])).toEqual([
      ['event-loop', true],
      ['worker-threads', true],
      ['child-process', true],
    ]);
    expect(events.some((event) => event.type === 'progress')).toBe(true);
    await expect.poll(() => samples.length).toBeGreaterThan(0);
    // Nothing the engine sent was dropped as malformed.
    expect(logged).toEqual([]);

    await expect(lab.cancel('no-such-run')).rejects.toMatchObject({ code: 'not-found' });

    serve.stop();
    expect(await serve.exitCode).toBe(0);
    expect(serve.lines.at(-1)).toBe('Stopping…');
  });

  it('listens on loopback by default, and warns when told to listen beyond it', async () => {
    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((message: string) => {
      warnings.push(message);
    });
    try {
      const local = await startServe(['--port', '0']);
      expect(new URL(local.url).hostname).toBe('127.0.0.1');
      local.stop();
      expect(await local.exitCode).toBe(0);
      expect(warnings).toEqual([]);
      const open = await startServe(['--host', '0.0.0.0', '--port', '0']);
      open.stop();
      expect(await open.exitCode).toBe(0);
      expect(warnings.join('\n')).toMatch(/listening on 0\.0\.0\.0, reachable from other machines/);
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a bad --port as a usage error', async () => {
    await expect(runServe(['--port', '70000'])).rejects.toThrow(/--port must be an integer/);
  });
});
