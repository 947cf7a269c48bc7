import { describe, expect, it } from 'vitest';
import { expectedTransport, timeTicks } from '../../../../src/renderer/pipeline/pipeline-view';
import { stepIndex, WORK_STEPS } from '../../../../src/renderer/pipeline/pipeline-form';

describe('timeTicks', () => {
  it('puts round-second ticks across the range, at most six intervals', () => {
    expect(timeTicks(0.25, 2.9)).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(timeTicks(0.25, 14)).toEqual([5, 10]);
    expect(timeTicks(40, 100)).toEqual([40, 50, 60, 70, 80, 90, 100]);
    expect(timeTicks(1, 1)).toEqual([]);
  });
});

describe('expectedTransport', () => {
  it('gives web-workers shared memory only in an isolated page', () => {
    expect(expectedTransport('web-workers', true)).toBe('shared-memory');
    expect(expectedTransport('web-workers', false)).toBe('message-passing');
    expect(expectedTransport('utility-process', true)).toBe('message-passing');
    expect(expectedTransport('renderer-main', true)).toBe('async-queue');
  });
});

describe('stepIndex', () => {
  it('finds the step nearest a value', () => {
    expect(stepIndex(WORK_STEPS, 100)).toBe(3);
    expect(stepIndex(WORK_STEPS, 120)).toBe(3);
    expect(stepIndex(WORK_STEPS, 0)).toBe(0);
  });
});
