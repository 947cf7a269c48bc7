import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  hardenWebContents,
  isAllowedExternalUrl,
  setupDevServerCsp,
  setupPermissionDenial,
  setupWebContentsHardening,
} from '../../../src/main/security';
import { FakeWebContents, fakeSession, shell } from '../../fixtures/electron';

vi.mock('electron', () => import('../../fixtures/electron'));

const ORIGINS = ['app://corelab'];

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents, ORIGINS);
  return contents;
}

beforeEach(() => shell.openExternal.mockClear());

describe('hardenWebContents', () => {
  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
  ])('blocks navigation to %s', (url) => {
    const contents = hardened();
    expect(contents.emitCancellable('will-navigate', url)).toBe(true);
    expect(contents.emitCancellable('will-frame-navigate', url)).toBe(true);
    expect(contents.emitCancellable('will-redirect', url)).toBe(true);
  });

  it('lets the app navigate within its own pages', () => {
    const contents = hardened();
    expect(contents.emitCancellable('will-navigate', 'app://corelab/index.html')).toBe(false);
  });

  it('refuses every new window, opening only allow-listed https links in the browser', () => {
    const contents = hardened();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://developer.mozilla.org/en-US/docs/Web/API/Worker' })).toEqual({
      action: 'deny',
    });
    expect(open({ url: 'http://developer.mozilla.org/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://corelab/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([
      ['https://developer.mozilla.org/en-US/docs/Web/API/Worker'],
    ]);
  });

  it('refuses to attach a <webview>', () => {
    expect(hardened().emitCancellable('will-attach-webview')).toBe(true);
  });

  it('is applied to every WebContents the app creates', () => {
    const app = new FakeWebContents();
    setupWebContentsHardening(app as never, ORIGINS);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  it('accepts only https on the allow-listed sites', () => {
    expect(isAllowedExternalUrl('https://en.wikipedia.org/wiki/Amdahl%27s_law')).toBe(true);
    expect(isAllowedExternalUrl('https://en.wikipedia.org.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@en.wikipedia.org/')).toBe(false);
    expect(isAllowedExternalUrl('https://:secret@en.wikipedia.org/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:secret@en.wikipedia.org/')).toBe(false);
    expect(isAllowedExternalUrl('file:///bin/sh')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('setupPermissionDenial', () => {
  it('denies every permission request, check and device', () => {
    const session = fakeSession();
    setupPermissionDenial(session as unknown as Session);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      session.handlers.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(session.handlers.permissionCheck!()).toBe(false);
    expect(session.handlers.devicePermission!()).toBe(false);
  });
});

describe('setupDevServerCsp', () => {
  it('adds a CSP and cross-origin isolation to the dev server responses, allowing only its HMR socket beyond self', () => {
    const session = fakeSession();
    setupDevServerCsp(session as unknown as Session, 'http://localhost:5173');
    expect(session.handlers.headersReceived!.filter.urls).toEqual(['http://localhost:5173/*']);
    const callback = vi.fn();
    session.handlers.headersReceived!.listener({ responseHeaders: { 'X-Test': ['1'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['X-Test']).toEqual(['1']);
    expect(headers['Content-Security-Policy']![0]).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
    // crossOriginIsolated in development too, so SharedArrayBuffer paths run there.
    expect(headers['Cross-Origin-Opener-Policy']).toEqual(['same-origin']);
    expect(headers['Cross-Origin-Embedder-Policy']).toEqual(['require-corp']);
  });
});
