import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../../src/headless/serve';
import { cacheControlFor, pickEncoding } from '../../../src/headless/static-encoding';
import { createFakeLabApi } from '../../fixtures/fake-lab-api';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('deflate')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
  });
});

describe('cacheControlFor', () => {
  it('caches hashed assets for good, never index.html, and revalidates the rest', () => {
    expect(cacheControlFor('/r/assets/index-B1p8KSzH.js')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlFor('/r/index.html')).toBe('no-store');
    expect(cacheControlFor('/r/assets/app.js')).toBe('no-cache');
  });
});

describe('browser mode serves the renderer compressed', () => {
  let root: string;
  let server: BrowserServer;
  // Compressible and over the 1 KiB threshold.
  const script = `export const words = ${JSON.stringify('concurrency '.repeat(400))};\n`;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'corelab-encoding-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Corelab</title>');
    writeFileSync(path.join(root, 'assets', 'index-AbCdEf12.js'), script);
    writeFileSync(path.join(root, 'assets', 'tiny-AbCdEf12.js'), 'export {};');
    server = await startBrowserServer({ engine: createFakeLabApi(), rendererDir: root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  function get(
    urlPath: string,
    acceptEncoding?: string,
  ): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {};
      httpRequest({ host: '127.0.0.1', port: server.port, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  }

  it('sends brotli to a browser that accepts it, and the same bytes decompressed', async () => {
    const { headers, body } = await get('/assets/index-AbCdEf12.js', 'gzip, deflate, br');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['vary']).toBe('Accept-Encoding');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(headers['content-length'])).toBe(body.length);
    expect(body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and plain bytes when nothing is', async () => {
    const gz = await get('/assets/index-AbCdEf12.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/index-AbCdEf12.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves tiny files as they are and never caches index.html', async () => {
    const tiny = await get('/assets/tiny-AbCdEf12.js', 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};');
    const page = await get('/', 'br');
    expect(page.headers['cache-control']).toBe('no-store');
  });
});
