import { describe, expect, it } from 'vitest';
import { formatCores, type Interference } from '../../../../src/shared/measurement';
import {
  liveMethodView,
  quietSentence,
  snapshotMethodView,
} from '../../../../src/renderer/state/measurement-view';
import { initialRunState } from '../../../../src/renderer/state/run-state';
import { modelResult } from '../../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot } from '../../../fixtures/snapshots';

/** A saved comparison: threads twice as fast as the event loop, with the verdict it saved. */
function savedRun(interference: Interference | null, verdict: string | null) {
  const timed = (model: 'event-loop' | 'worker-threads', wallMs: number) =>
    modelResult({ model, wallMs, wallMsMin: wallMs, wallMsMax: wallMs, roundWallMs: [wallMs] });
  const content = runContent([timed('event-loop', 2000), timed('worker-threads', 1000)]);
  if (content.kind !== 'run') throw new Error('a run fixture');
  return sampleSnapshot('saved', { ...content, interference, verdict });
}

const flagged: Interference = {
  otherLoadCores: 0.9,
  quietCheckCores: 0.8,
  parallelWorkers: 2,
  logicalCores: 2,
  limitCores: 0.25,
  flagged: true,
  reasons: ['other programs used 0.9 of a core while it ran (more than 0.25)'],
};

describe('measurement view', () => {
  it('concludes nothing while a run goes', () => {
    expect(liveMethodView({ ...initialRunState, phase: 'running', kind: 'run' })).toEqual({
      kind: 'pending',
    });
  });

  it("shows the engine's verdict and load once the run has ended", () => {
    const view = liveMethodView({
      ...initialRunState,
      kind: 'run',
      method: { estimate: null, interference: flagged, verdict: 'Worker threads won.' },
    });
    expect(view).toEqual({
      kind: 'measured',
      verdict: 'Worker threads won.',
      interference: flagged,
    });
  });

  it('says load was not measured rather than calling an unmeasured run quiet', () => {
    const view = liveMethodView({ ...initialRunState, kind: 'run', method: null });
    expect(view).toMatchObject({ kind: 'measured', interference: null });
    expect(quietSentence(null)).toMatch(/not measured/);
    expect(quietSentence({ ...flagged, otherLoadCores: null })).toMatch(/not measured/);
    expect(quietSentence({ ...flagged, otherLoadCores: 0.04 })).toMatch(/at most 0\.04 of a core/);
  });

  it('marks a snapshot from before rounds, and works out its verdict from its results', () => {
    const view = snapshotMethodView(savedRun(null, null), 'cpu');
    expect(view.kind).toBe('predates');
    expect(view.kind === 'predates' && view.verdict).toMatch(/faster than/);
  });

  it("keeps a newer snapshot's own verdict and load", () => {
    const view = snapshotMethodView(savedRun(flagged, 'Saved verdict.'), 'cpu');
    expect(view).toEqual({ kind: 'measured', verdict: 'Saved verdict.', interference: flagged });
  });

  it('speaks of cores in words', () => {
    expect(formatCores(0.9)).toBe('0.9 of a core');
    expect(formatCores(1.2)).toBe('1.2 cores');
  });
});
