import { describe, expect, it } from 'vitest';
import type { ModelResult, TimeShares } from '../../../src/shared/results';
import { timeShareSentence } from '../../../src/shared/time-share-words';
import { unmeasuredTimeShares } from '../../../src/shared/thread-states';
import { modelResult } from '../../fixtures/fake-lab-api';

const shares = (split: Partial<TimeShares>): TimeShares => ({
  running: 0,
  waitingForCore: 0,
  blocked: 0,
  idle: 0,
  messaging: 0,
  ...split,
});

const result = (overrides: Partial<ModelResult>): ModelResult => modelResult(overrides);

describe('timeShareSentence', () => {
  it('blames the GIL when two Python threads are blocked on a CPU workload', () => {
    const sentence = timeShareSentence(
      result({
        model: 'python-threading',
        timeShares: shares({ running: 0.49, blocked: 0.49, messaging: 0.02 }),
      }),
    );
    expect(sentence).toBe(
      'Python threads were blocked 49% of the time: only one thread holds the GIL.',
    );
  });

  it('says how many workers shared how many cores when they waited for one', () => {
    const interference = {
      otherLoadCores: 0,
      quietCheckCores: 0,
      parallelWorkers: 4,
      logicalCores: 2,
      limitCores: 0.25,
      flagged: true,
      reasons: [],
    };
    const sentence = timeShareSentence(
      result({
        workers: 4,
        interference,
        timeShares: shares({ running: 0.45, waitingForCore: 0.51, messaging: 0.04 }),
      }),
    );
    expect(sentence).toBe('With 4 workers on 2 cores, each waited for a core 51% of the time.');
  });

  it('puts the event loop’s waiting down to its one thread', () => {
    const sentence = timeShareSentence(
      result({
        model: 'event-loop',
        workers: 4,
        timeShares: shares({ running: 0.25, blocked: 0.75 }),
      }),
    );
    expect(sentence).toMatch(/^Tasks in flight were blocked 75% .*one task at a time\.$/);
  });

  it('says only that the workers ran when nothing else stands out', () => {
    expect(timeShareSentence(result({ timeShares: shares({ running: 0.9, idle: 0.1 }) }))).toBe(
      'The workers ran on a core 90% of the time.',
    );
  });

  it('gives the reason, never a percentage, where the shares could not be read', () => {
    const reason = 'macOS does not expose a thread’s run-queue time';
    // Idle and messaging still come from the task timings.
    const sentence = timeShareSentence(
      result({ timeShares: { ...unmeasuredTimeShares(reason), idle: 0.1, messaging: 0.05 } }),
    );
    expect(sentence).toBe(`Running, waiting for a core and blocked are unavailable: ${reason}.`);
    expect(timeShareSentence(result({ timeShares: unmeasuredTimeShares(reason) }))).toBe(
      `Where the time went is unavailable: ${reason}.`,
    );
  });
});
