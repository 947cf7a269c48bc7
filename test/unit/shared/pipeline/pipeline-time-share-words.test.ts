import { describe, expect, it } from 'vitest';
import { pipelineTimeShareSentence } from '../../../../src/shared/pipeline/pipeline-time-share-words';
import type { PipelineResult } from '../../../../src/shared/pipeline/pipeline-result';
import type { TimeShares } from '../../../../src/shared/results';
import { unmeasuredTimeShares } from '../../../../src/shared/thread-states';
import { pipelineResult } from '../../../fixtures/snapshots';

const shares = (parts: Partial<TimeShares>): TimeShares => ({
  running: 0,
  waitingForCore: 0,
  blocked: 0,
  idle: 0,
  messaging: 0,
  ...parts,
});

/** The fixture pipeline of `model`, with `consumers` shares for its consumers. */
function result(model: PipelineResult['model'], consumers: TimeShares, work = 100): PipelineResult {
  const base = pipelineResult();
  return pipelineResult({
    model,
    config: { ...base.config, model, workPerEvent: work },
    timeSharesByRole: { producers: base.timeSharesByRole.producers, consumers },
  });
}

describe('pipelineTimeShareSentence', () => {
  it('says consumers of an empty queue were idle, and producers waited for their events', () => {
    const r = result('worker-threads', shares({ running: 0.1, idle: 0.9 }));
    expect(pipelineTimeShareSentence(r, 'consumers')).toBe(
      'The consumers were idle 90% of the time: the queue was empty, the producers were slower.',
    );
    expect(pipelineTimeShareSentence(r, 'producers')).toBe(
      'The producers were idle 95% of the time, waiting for their next event to be due.',
    );
  });

  it('names the GIL for Python thread consumers with work, and the loop for async ones', () => {
    const blocked = shares({ running: 0.3, blocked: 0.7 });
    expect(pipelineTimeShareSentence(result('python-threading', blocked), 'consumers')).toBe(
      'Python consumers were blocked 70% of the time: only one thread holds the GIL.',
    );
    expect(pipelineTimeShareSentence(result('event-loop', blocked), 'consumers')).toBe(
      'The consumers were blocked 70% of the time: one event-loop thread runs one task at a time.',
    );
  });

  it('counts the consumers that waited for a core', () => {
    const r = result('child-process', shares({ running: 0.3, waitingForCore: 0.7 }));
    expect(pipelineTimeShareSentence(r, 'consumers')).toBe(
      'Each of the 3 consumers waited for a core 70% of the time: more threads were runnable than there were cores.',
    );
  });

  it('says what cannot be read and why, never a percentage', () => {
    const reason = "a page cannot read its threads' scheduler states";
    const r = result('web-workers', unmeasuredTimeShares(reason));
    expect(pipelineTimeShareSentence(r, 'consumers')).toBe(
      `Where the time went is unavailable: ${reason}.`,
    );
  });
});
