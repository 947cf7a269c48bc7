/**
 * The soak of `npm run soak`, shortened to fit `npm test`: 20 runs × every Node model in
 * one engine leave no handle, thread or process behind, and memory within its bounds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runSoak, SOAK_BOUNDS, soakViolations } from '../../../bench/soak-core';
import { createLabEngine } from '../../../src/main/engine/lab-engine';
import { builtScripts } from '../../helpers/built';

const engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
afterAll(() => engine.close());

describe('the soak', () => {
  it('20 runs across every Node model leak nothing', { timeout: 120_000 }, async () => {
    const result = await runSoak(engine, 20);
    expect(soakViolations(result)).toEqual([]);
    expect(result.end.children ?? 0).toBe(0);
    expect(result.runMs).toHaveLength(20);
  });

  it('flags growth past a bound, so the check above can fail', () => {
    const snapshot = {
      handles: 2,
      handleKinds: {},
      threads: 10,
      children: 0,
      rssBytes: 1e8,
      heapUsedBytes: 1e7,
    };
    const leaky = {
      runs: 1,
      start: snapshot,
      end: {
        ...snapshot,
        handles: 3,
        threads: 12,
        heapUsedBytes: 1e7 + SOAK_BOUNDS.heapUsedBytes + 1,
      },
      runMs: [1],
      wrongRuns: [],
    };
    expect(soakViolations(leaky)).toEqual([
      'handles grew from 2 to 3 (bound +0)',
      'threads grew from 10 to 12 (bound +0)',
      `heapUsedBytes grew from 10000000 to ${1e7 + SOAK_BOUNDS.heapUsedBytes + 1} (bound +${SOAK_BOUNDS.heapUsedBytes})`,
    ]);
  });
});
