import { describe, expect, it } from 'vitest';
import { MODEL_IDS, MODELS, describeWorkers, workerNoun } from '../../../src/shared/models';

describe('describeWorkers', () => {
  it('agrees the noun with the count', () => {
    expect(describeWorkers('worker-threads', 1)).toBe('1 worker');
    expect(describeWorkers('worker-threads', 4)).toBe('4 workers');
  });

  it('counts tasks in flight for a one-thread model, and threads for Python threading', () => {
    expect(describeWorkers('event-loop', 2)).toBe('2 tasks in flight');
    expect(describeWorkers('renderer-main', 1)).toBe('1 task in flight');
    expect(workerNoun('python-threading', 3)).toBe('threads');
  });
});

describe('MODELS', () => {
  it('gives every model a summary short enough for one line of the sidebar', () => {
    for (const id of MODEL_IDS) {
      expect(MODELS[id].summary.length).toBeGreaterThan(0);
      expect(MODELS[id].summary.length).toBeLessThanOrEqual(40);
    }
  });
});
