import { describe, expect, it } from 'vitest';
import {
  describeStopTiming,
  expectedTransport,
  timeTicks,
} from '../../../../src/renderer/pipeline/pipeline-view';
import {
  pipelineModelReason,
  stepIndex,
  WORK_STEPS,
} from '../../../../src/renderer/pipeline/pipeline-form';
import type { Capabilities } from '../../../../src/shared/lab-api';

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

describe('describeStopTiming', () => {
  it('splits the time after Stop into the page taking the press and the engine', () => {
    const timing = { pressedAtMs: 1000, handledAtMs: 1350, resultAtMs: 1400 };
    expect(describeStopTiming(timing, 30)).toBe(
      'From pressing Stop to this result: 400 ms, of which 350 ms before this page could take ' +
        'the press and 50 ms in the engine (the 30 ms drain, then ending producers and ' +
        'consumers and sending the result).',
    );
  });

  it('says nothing when Stop was not pressed or no result came yet', () => {
    expect(describeStopTiming(null, 30)).toBeNull();
    expect(describeStopTiming({ pressedAtMs: 1, handledAtMs: 2, resultAtMs: null }, 30)).toBeNull();
  });
});

describe('pipelineModelReason', () => {
  const capabilities = (pipelineReason: string | null): Capabilities => ({
    runtimes: ['node'],
    models: [
      {
        id: 'child-process',
        unavailableReason: null,
        workloadReasons: {},
        canResize: true,
        resizeReason: null,
        pipelineReason,
      },
    ],
    workloads: [],
    maxWorkers: 4,
  });

  it("disables an engine model whose pipeline the engine cannot run, with the engine's reason", () => {
    const reason = 'cannot run a pipeline in this host';
    expect(pipelineModelReason('child-process', capabilities(reason))).toBe(reason);
    expect(pipelineModelReason('child-process', capabilities(null))).toBeNull();
  });

  it('answers for the page models itself', () => {
    expect(pipelineModelReason('renderer-main', capabilities(null))).toBeNull();
    expect(pipelineModelReason('web-workers', capabilities(null), false)).toBe(
      'this page cannot start Web Workers',
    );
  });
});
