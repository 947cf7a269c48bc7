import { describe, expect, it } from 'vitest';
import { appOrigins, isAppUrl } from '../../../src/main/trusted-origin';

describe('isAppUrl', () => {
  const built = appOrigins(undefined);
  const dev = appOrigins('http://localhost:5173/');

  it('accepts pages of app://corelab', () => {
    expect(isAppUrl('app://corelab/index.html', built)).toBe(true);
    expect(isAppUrl('app://corelab/', built)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://corelab.evil/index.html',
    'app://user@corelab/index.html',
    'http://localhost:5173/',
    'file:///index.html',
    'about:blank',
    '',
    'not a url',
  ])('refuses %j in a built app', (url) => {
    expect(isAppUrl(url, built)).toBe(false);
  });

  it('accepts the dev server only when one is configured, and only its exact origin', () => {
    expect(isAppUrl('http://localhost:5173/src/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl(undefined, dev)).toBe(false);
  });
});
