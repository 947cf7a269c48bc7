import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_DEPTH, untrustedShapeProblem } from '../../../src/shared/untrusted-shape';

/** `depth` arrays inside each other around `inner`. */
function nested(depth: number, inner: unknown = 0): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('untrustedShapeProblem', () => {
  it('passes a real request', () => {
    const request = {
      type: 'request',
      id: 1,
      method: 'startRun',
      args: [
        {
          workload: 'cpu.primes',
          params: { limit: 1000 },
          models: [{ model: 'event-loop', workers: 1 }],
        },
      ],
    };
    expect(untrustedShapeProblem(request)).toBeNull();
    expect(untrustedShapeProblem('text')).toBeNull();
    expect(untrustedShapeProblem(null)).toBeNull();
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the key %s wherever it is, naming where',
    (key) => {
      const message = JSON.parse(
        `{"type":"request","args":[{"models":[{"${key}":{"polluted":true}}]}]}`,
      ) as unknown;
      expect(untrustedShapeProblem(message)).toBe(
        `message.args[0].models[0] has the key "${key}", which is never allowed`,
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('accepts those words as values and array items', () => {
    expect(untrustedShapeProblem({ method: '__proto__', args: ['constructor'] })).toBeNull();
  });

  it(`refuses nesting deeper than ${MAX_MESSAGE_DEPTH} levels`, () => {
    expect(untrustedShapeProblem(nested(MAX_MESSAGE_DEPTH))).toBeNull();
    expect(untrustedShapeProblem(nested(MAX_MESSAGE_DEPTH + 1))).toMatch(
      /^message is nested more than 32 levels deep \(at message(\[0\]){32}\)$/,
    );
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(untrustedShapeProblem(nested(1_000_000))).toMatch(/nested more than 32 levels/);
  });

  it('walks a snapshot-sized payload (100k timeline entries) in well under a second', () => {
    const timeline = Array.from({ length: 100_000 }, (_, i) => ({
      worker: i % 8,
      taskIndex: i,
      startMs: i,
      endMs: i + 1,
      isOk: true,
      cpu: null,
    }));
    const startMs = performance.now();
    expect(untrustedShapeProblem({ args: [{ content: { results: [{ timeline }] } }] })).toBeNull();
    expect(performance.now() - startMs).toBeLessThan(1000);
  });
});
