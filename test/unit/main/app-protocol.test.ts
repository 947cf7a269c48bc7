import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  registerAppScheme,
  serveAppRequest,
  setupAppProtocol,
} from '../../../src/main/app-protocol';
import { fakeSession, protocol } from '../../fixtures/electron';

vi.mock('electron', () => import('../../fixtures/electron'));

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Corelab</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'worker.js'), 'self.onmessage = () => {}');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(root, path.join(rendererDir, 'escape'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') =>
  serveAppRequest(rendererDir, new Request(url, { method }));

describe('serveAppRequest', () => {
  it('serves index.html with the CSP and cross-origin isolation', async () => {
    const response = await get('app://corelab/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Corelab</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("connect-src 'self';");
  });

  it('serves a worker script as JavaScript, and routes without extension as the app', async () => {
    expect((await get('app://corelab/assets/worker.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(await (await get('app://corelab/results')).text()).toContain('<title>Corelab</title>');
    expect((await get('app://corelab/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://corelab/%2e%2e/secret.txt',
    'app://corelab/assets/..%2f..%2fsecret.txt',
    'app://corelab/assets/..%5csecret.txt',
    'app://corelab/escape/secret.txt',
    'app://corelab/%00',
  ])('never leaves the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('answers only its own host and only GET', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://corelab/index.html', 'POST')).status).toBe(405);
  });
});

describe('registration', () => {
  it('declares app:// standard and secure, with fetch and CORS for module workers', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
  });

  it('handles app:// in the given session from the renderer folder', async () => {
    const session = fakeSession();
    setupAppProtocol(session as unknown as Session, rendererDir);
    expect(session.handlers.protocol?.scheme).toBe('app');
    const response = await session.handlers.protocol!.handler(new Request('app://corelab/'));
    expect(await response.text()).toContain('<title>Corelab</title>');
  });
});
