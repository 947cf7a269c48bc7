import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../../src/headless/serve';
import {
  labSocketUrl,
  openLabConnection,
  retryDelayMs,
  type LabConnection,
  type LabConnectionState,
} from '../../../src/renderer/lab-transport';
import { LabError } from '../../../src/shared/errors';
import { foldErrorCode, mapRejections } from '../../../src/shared/lab-bridge-errors';
import { createFakeLabApi, HOST_INFO } from '../../fixtures/fake-lab-api';

const TOKEN = 'transport-test-token';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A browser-mode server with the fake API and an empty renderer. */
async function serve(port = 0): Promise<BrowserServer> {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'corelab-transport-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const server = await startBrowserServer({
    engine: api,
    rendererDir,
    port,
    token: TOKEN,
    log: () => undefined,
  });
  cleanups.push(() => rmSync(rendererDir, { recursive: true, force: true }));
  return server;
}

const api = createFakeLabApi();

/** A connection as the page at `pageUrl` would open it, with Node's ws standing in for the browser's. */
function connect(pageUrl: string): LabConnection {
  const origin = new URL(pageUrl).origin;
  const connection = openLabConnection({
    pageUrl,
    openSocket: (url) => new WebSocket(url, { origin }),
    log: () => undefined,
  });
  cleanups.push(() => connection.close());
  return connection;
}

describe('labSocketUrl', () => {
  it('builds the /lab URL from the page URL and its token', () => {
    expect(labSocketUrl('http://127.0.0.1:4000/?token=a-b_c')).toBe(
      'ws://127.0.0.1:4000/lab?token=a-b_c',
    );
    expect(labSocketUrl('https://lab.example:8443/x?token=t')).toBe(
      'wss://lab.example:8443/lab?token=t',
    );
    expect(labSocketUrl('http://127.0.0.1:4000/')).toBeNull();
  });
});

describe('retryDelayMs', () => {
  it('doubles from 250 ms up to 5 s, within ±25% jitter', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => retryDelayMs(attempt, middle))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
    expect(retryDelayMs(0, () => 0)).toBe(188);
    expect(retryDelayMs(10, () => 1)).toBe(6250);
  });
});

describe('openLabConnection', () => {
  it('uses window.lab when the preload provides it, restoring folded error codes', async () => {
    const preload = mapRejections(createFakeLabApi(), foldErrorCode);
    const connection = openLabConnection({
      lab: preload,
      pageUrl: 'app://corelab/index.html',
      openSocket: () => {
        throw new Error('must not open a socket');
      },
    });
    const lab = await connection.ready;
    expect(connection.getState()).toEqual({ status: 'connected' });
    expect(await lab.getHostInfo()).toEqual(HOST_INFO);
    const error = await lab.cancel('unknown').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({ code: 'not-found', message: 'no active run with id unknown' });
  });

  it('says why when the page URL has no token, without retrying', async () => {
    const connection = openLabConnection({
      pageUrl: 'http://127.0.0.1:1/',
      openSocket: () => {
        throw new Error('must not open a socket');
      },
    });
    await expect(connection.ready).rejects.toMatchObject({ code: 'unavailable' });
    expect(connection.getState()).toMatchObject({ status: 'disconnected', retryInMs: null });
  });

  it('carries calls and events over the browser-mode server', async () => {
    const server = await serve();
    cleanups.push(() => server.close());
    const lab = await connect(server.url).ready;
    expect(await lab.getHostInfo()).toEqual(HOST_INFO);
    const samples: number[] = [];
    lab.onCoreSample((sample) => samples.push(sample.t));
    await expect.poll(() => api.listenerCount()).toBeGreaterThan(0);
    api.emitSample({ t: 7, cores: [1] });
    await expect.poll(() => samples).toEqual([7]);
  });

  it('reports a lost server, fails calls meanwhile, and reconnects when it is back', async () => {
    const first = await serve();
    const connection = connect(first.url);
    const states: LabConnectionState['status'][] = [];
    connection.onState((state) => states.push(state.status));
    const lab = await connection.ready;
    const samples: number[] = [];
    lab.onCoreSample((sample) => samples.push(sample.t));

    await first.close();
    await expect.poll(() => connection.getState().status).toBe('disconnected');
    await expect(lab.getHostInfo()).rejects.toMatchObject({ code: 'unavailable' });

    const second = await serve(first.port);
    cleanups.push(() => second.close());
    await expect.poll(() => connection.getState().status, { timeout: 10_000 }).toBe('connected');
    expect(states).toContain('disconnected');
    expect(await lab.getHostInfo()).toEqual(HOST_INFO);
    // Subscriptions made before the drop keep working on the new socket.
    await expect.poll(() => api.listenerCount()).toBeGreaterThan(0);
    api.emitSample({ t: 9, cores: [1] });
    await expect.poll(() => samples).toEqual([9]);
  });

  it('keeps retrying a server that refuses the token, saying it is disconnected', async () => {
    const server = await serve();
    cleanups.push(() => server.close());
    const connection = connect(`http://127.0.0.1:${server.port}/?token=wrong`);
    await expect
      .poll(() => connection.getState())
      .toMatchObject({
        status: 'disconnected',
        retryInMs: expect.any(Number),
      });
  });
});
