import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import { parseSnapshot, serializeSnapshot, type Snapshot } from '../../../src/shared/snapshot';
import {
  CURRENT_SNAPSHOT_VERSION,
  migrateFitToV3,
  migrateSnapshot,
} from '../../../src/shared/snapshot-migrate';
import { unmeasuredTimeShares } from '../../../src/shared/thread-states';
import { scalingFitSchema } from '../../../src/shared/stats/scaling-schemas';
import { pipelineContent, sampleSnapshot } from '../../fixtures/snapshots';

/** The sample snapshot written the way version 3 wrote it: no time shares, no task cpu. */
function versionThreeDoc(): Record<string, unknown> {
  const current = JSON.parse(serializeSnapshot(sampleSnapshot())) as Record<string, unknown>;
  const results = (current.results as Record<string, unknown>[]).map(
    ({ timeShares: _shares, timeline, ...result }) => ({
      ...result,
      timeline: (timeline as Record<string, unknown>[]).map(({ cpu: _cpu, ...entry }) => entry),
    }),
  );
  return { ...current, schemaVersion: 3, results };
}

/** The sample snapshot as a file from before thread states reads: shares unknown, with why. */
function predatingStates(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    results: snapshot.results.map((result) => ({
      ...result,
      timeShares: unmeasuredTimeShares('saved before Corelab measured thread states'),
      timeline: result.timeline.map((entry) => ({ ...entry, cpu: null })),
    })),
  } as Snapshot;
}

/** The sample snapshot written the way version 2 wrote it: one wall time, no rounds. */
function versionTwoDoc(): Record<string, unknown> {
  const {
    interference: _interference,
    verdict: _verdict,
    estimate: _estimate,
    ...current
  } = versionThreeDoc();
  const results = (current.results as Record<string, unknown>[]).map(
    ({ rounds: _r, wallMsMin: _min, wallMsMax: _max, roundWallMs: _all, ...result }) => result,
  );
  return { ...current, schemaVersion: 2, results };
}

/** The sample snapshot written the way version 1 wrote it: no note, memory in MiB. */
function versionOneDoc(): Record<string, unknown> {
  const { note: _note, ...current } = versionTwoDoc();
  const { memoryBytes, ...host } = current.host as { memoryBytes: number };
  return { ...current, schemaVersion: 1, host: { ...host, memoryMb: memoryBytes / 1024 / 1024 } };
}

/** What a snapshot from before rounds reads as: one round each, nothing of the method known. */
const predatingRounds = { interference: null, verdict: null, estimate: null };

/** A version-4 file with a Web Workers result, which version 4 wrote with zeros it never measured. */
function versionFourDocWithPageModel(): Record<string, unknown> {
  const current = JSON.parse(serializeSnapshot(sampleSnapshot())) as Record<string, unknown>;
  const [engineResult, pageResult] = current.results as Record<string, unknown>[];
  const zeros = { cpuTimeMs: 0, peakRssBytes: 0, eventLoopDelay: { p50Ms: 0, p99Ms: 0, maxMs: 0 } };
  return {
    ...current,
    schemaVersion: 4,
    results: [
      { ...engineResult, ...zeros },
      { ...pageResult, model: 'web-workers', ...zeros },
    ],
  };
}

/** A version-5 pipeline file: its result without time shares. */
function versionFivePipelineDoc(): Record<string, unknown> {
  const current = JSON.parse(
    serializeSnapshot(sampleSnapshot('pipe', pipelineContent())),
  ) as Record<string, unknown>;
  const {
    timeShares: _shares,
    timeSharesByRole: _byRole,
    ...pipeline
  } = current.pipeline as Record<string, unknown>;
  return { ...current, schemaVersion: 5, pipeline };
}

describe('migrateSnapshot', () => {
  it('reads a version 5 pipeline with its shares null and the reason, the rest kept', () => {
    const parsed = parseSnapshot(JSON.stringify(versionFivePipelineDoc()), 'old.json');
    const current = sampleSnapshot('pipe', pipelineContent());
    const none = unmeasuredTimeShares('saved before Corelab measured the threads of pipelines');
    expect(parsed).toEqual({
      ...current,
      pipeline: {
        ...(current as Extract<Snapshot, { kind: 'pipeline' }>).pipeline,
        timeShares: none,
        timeSharesByRole: { producers: none, consumers: none },
      },
    });
  });

  it('reads a version 5 comparison unchanged', () => {
    const doc = JSON.parse(serializeSnapshot(sampleSnapshot())) as Record<string, unknown>;
    expect(parseSnapshot(JSON.stringify({ ...doc, schemaVersion: 5 }), 'old.json')).toEqual(
      sampleSnapshot(),
    );
  });

  it("reads a version 4 file with the page's unmeasured figures null, an engine model's kept", () => {
    const parsed = parseSnapshot(JSON.stringify(versionFourDocWithPageModel()), 'old.json');
    const [engineResult, pageResult] = parsed.results;
    expect(pageResult).toMatchObject({ cpuTimeMs: null, peakRssBytes: null, eventLoopDelay: null });
    // An engine model measured these: a 0 there is a measurement and stays.
    expect(engineResult).toMatchObject({ cpuTimeMs: 0, peakRssBytes: 0 });
    expect(engineResult!.eventLoopDelay).toEqual({ p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('reads a version 3 file with every share null and the reason, never zeros', () => {
    const parsed = parseSnapshot(JSON.stringify(versionThreeDoc()), 'old.json');
    expect(parsed).toEqual(predatingStates(sampleSnapshot()));
    expect(parsed.results[0]!.timeShares).toMatchObject({ running: null, idle: null });
  });

  it('turns version 2 into the current one: every result one round, the method unknown', () => {
    const migrated = migrateSnapshot(versionTwoDoc()) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(CURRENT_SNAPSHOT_VERSION);
    expect(migrated).toMatchObject(predatingRounds);
    for (const result of migrated.results as Record<string, unknown>[]) {
      expect(result).toMatchObject({
        rounds: 1,
        wallMsMin: result.wallMs,
        wallMsMax: result.wallMs,
        roundWallMs: [result.wallMs],
      });
    }
  });

  it('reads a version 2 file into the same snapshot, its method unknown', () => {
    const parsed = parseSnapshot(JSON.stringify(versionTwoDoc()), 'old.json');
    expect(parsed).toEqual({ ...predatingStates(sampleSnapshot()), ...predatingRounds });
  });

  it('turns version 1 into the current one: an empty note and memory in bytes', () => {
    const migrated = migrateSnapshot(versionOneDoc()) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(CURRENT_SNAPSHOT_VERSION);
    expect(migrated.note).toBe('');
    expect(migrated.host).toMatchObject({ memoryBytes: 8 * 1024 ** 3 });
    expect(migrated.host).not.toHaveProperty('memoryMb');
  });

  it('leaves a current document as it is', () => {
    const doc = JSON.parse(serializeSnapshot(sampleSnapshot())) as unknown;
    expect(migrateSnapshot(doc)).toBe(doc);
  });

  it('reads a version 1 file into the same snapshot, bar the note', () => {
    const parsed = parseSnapshot(JSON.stringify(versionOneDoc()), 'old.json');
    expect(parsed).toEqual({
      ...predatingStates(sampleSnapshot()),
      note: '',
      ...predatingRounds,
    });
  });

  it('refuses a version 1 file without its memory, naming the field', () => {
    const doc = versionOneDoc();
    delete (doc.host as Record<string, unknown>).memoryMb;
    expect(() => migrateSnapshot(doc)).toThrow(
      new LabError(
        'invalid-argument',
        'host.memoryMb: Invalid input: expected number, received undefined (version 1)',
      ),
    );
    expect(() => parseSnapshot(JSON.stringify(doc), 'old.json')).toThrow(
      /^old\.json: host\.memoryMb: .* \(version 1\)$/,
    );
  });
});

describe('migrateFitToV3', () => {
  /** A version-2 sweep's points and linearised fit, as that build wrote them. */
  const v2Points = [1, 2, 3, 4, 5, 6].map((workers) => ({
    workers,
    wallMs: (1200 * (1 + 0.1 * (workers - 1) + 0.01 * workers * (workers - 1))) / workers,
    speedup: 0,
    efficiency: 0,
  }));
  const v2Fit = {
    amdahl: { serialFraction: 0.2, rmse: 0.1 },
    usl: { sigma: 0.3, kappa: 0, peakWorkers: null, rmse: 0.1 },
  };

  it('refits from the stored points instead of keeping the linearised coefficients', () => {
    const fit = migrateFitToV3(v2Fit, v2Points)!;
    expect(scalingFitSchema.safeParse(fit).success).toBe(true);
    expect(fit.usl!.sigma).toBeCloseTo(0.1, 6);
    expect(fit.usl!.kappa).toBeCloseTo(0.01, 6);
    expect(fit.observations).toBe(6);
  });

  it('keeps null and an already-current fit', () => {
    expect(migrateFitToV3(null, v2Points)).toBeNull();
    const current = migrateFitToV3(v2Fit, v2Points);
    expect(migrateFitToV3(current, [])).toEqual(current);
  });

  it('refuses a fit of neither shape, or points without wall times, naming the field', () => {
    expect(() => migrateFitToV3({ usl: 1 }, v2Points)).toThrow(/^fit\.amdahl/);
    expect(() => migrateFitToV3(v2Fit, [{ workers: 1 }])).toThrow(/^points\..*wallMs/);
  });
});
