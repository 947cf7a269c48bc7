import { describe, expect, it } from 'vitest';
import { verdictSentence } from '../../../src/shared/verdict';
import { modelResult } from '../../fixtures/fake-lab-api';

describe('verdict with the page’s own models', () => {
  it('does not claim a page model kept 0 cores busy: the page cannot measure its CPU', () => {
    const timed = (
      model: 'worker-threads' | 'web-workers',
      wallMs: number,
      cpuTimeMs: number | null,
    ) => modelResult({ model, wallMs, wallMsMin: wallMs, wallMsMax: wallMs, cpuTimeMs });
    const sentence = verdictSentence(
      [timed('worker-threads', 1400, 1400), timed('web-workers', 1000, null)],
      'cpu',
    );
    expect(sentence).toMatch(/^Web Workers finished 1\.4× faster than worker threads/);
    expect(sentence).toMatch(/not known here/);
    expect(sentence).not.toMatch(/0 cores/);
  });
});
