import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/shared/web-headers';

/** The policy as a map from directive to its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('contentSecurityPolicy (checklist 7)', () => {
  it('allows only the app itself by default, and no plugins, frames, forms or <base>', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('runs only the app own scripts: no inline script, no eval', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('connects only to the app, plus the origins the host names', () => {
    expect(directives(contentSecurityPolicy()).get('connect-src')).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy(['ws://127.0.0.1:4000'])).get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:4000',
    ]);
  });

  it('names no wildcard and no plain-http source', () => {
    const policy = contentSecurityPolicy();
    expect(policy).not.toMatch(/\*|http:|'unsafe-eval'/);
  });
});
