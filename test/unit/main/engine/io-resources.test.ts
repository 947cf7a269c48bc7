import { existsSync, statSync } from 'node:fs';
import { get, request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startIoResources, type IoResources } from '../../../../src/main/engine/io-resources';
import { httpBody } from '../../../../src/shared/workloads/http-get';

/** A raw GET with a fresh connection: status and body, or the connection error. */
function fetchRaw(url: string, method = 'GET'): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startIoResources', () => {
  const opened: IoResources[] = [];
  const start = async (...needs: Parameters<typeof startIoResources>[0]) => {
    const resources = await startIoResources(needs);
    opened.push(resources);
    return resources;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((resources) => resources.close()));
  });

  it('creates nothing for a workload without needs', async () => {
    const { io } = await start();
    expect(io).toEqual({});
  });

  it("creates a fresh corelab- temp folder for 'file' and removes it on close", async () => {
    const resources = await start('file');
    const dir = resources.io.tempDir!;
    expect(dirname(dir)).toBe(tmpdir());
    expect(basename(dir)).toMatch(/^corelab-/);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(resources.io.httpBaseUrl).toBeUndefined();
    await resources.close();
    expect(existsSync(dir)).toBe(false);
  });

  it("serves each task's deterministic body on loopback for 'http'", async () => {
    const { io } = await start('http');
    expect(io.httpBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(io.tempDir).toBeUndefined();
    const { status, body } = await fetchRaw(`${io.httpBaseUrl}/data/17?bytes=5000`);
    expect(status).toBe(200);
    expect(new Uint8Array(body)).toEqual(httpBody(17, 5000));
  });

  it('holds a response back latencyMs', async () => {
    const { io } = await start('http');
    const startedMs = performance.now();
    const { status } = await fetchRaw(`${io.httpBaseUrl}/data/0?bytes=10&latencyMs=60`);
    expect(status).toBe(200);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(55);
  });

  it.each([
    ['/', 'GET', 404],
    ['/data/x?bytes=1', 'GET', 404],
    ['/data/1', 'GET', 404],
    ['/data/1/2?bytes=1', 'GET', 404],
    ['/data/1?bytes=1', 'POST', 404],
    ['/data/1?bytes=-1', 'GET', 400],
    ['/data/1?bytes=999999999', 'GET', 400],
    ['/data/1?bytes=1&latencyMs=60001', 'GET', 400],
  ])('answers %s (%s) with %i', async (path, method, expected) => {
    const { io } = await start('http');
    expect((await fetchRaw(`${io.httpBaseUrl}${path}`, method)).status).toBe(expected);
  });

  it('closes the server even with a keep-alive connection and a response still pending', async () => {
    const resources = await start('http');
    const base = resources.io.httpBaseUrl!;
    // A pending slow response on a kept-alive socket: close() must not wait for either.
    const pending = new Promise<string>((resolve) => {
      get(`${base}/data/0?bytes=1&latencyMs=30000`, () => resolve('answered')).on('error', () =>
        resolve('dropped'),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closedInMs = performance.now();
    await resources.close();
    expect(performance.now() - closedInMs).toBeLessThan(1000);
    expect(await pending).toBe('dropped');
    await expect(fetchRaw(`${base}/data/0?bytes=1`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('removes everything when both are needed, and close() twice is harmless', async () => {
    const resources = await start('file', 'http');
    const dir = resources.io.tempDir!;
    await resources.close();
    await resources.close();
    expect(existsSync(dir)).toBe(false);
    await expect(fetchRaw(`${resources.io.httpBaseUrl}/data/0?bytes=1`)).rejects.toThrow();
  });
});
