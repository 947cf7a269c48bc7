/**
 * Reads snapshots written by older Corelab builds: each step turns version N into N + 1, so a
 * file of any known version reaches the current one, and the current schema then checks it.
 *
 * Version history:
 * - 1: the format of the development builds (0.0.x) before snapshots had notes. No `note`
 *   field, and the host's memory as whole mebibytes in `host.memoryMb`.
 * - 2: `note` added; memory in bytes as `host.memoryBytes`, as HostInfo has it.
 * - 3: rounds, and the scaling fits of issue 12 (a sweep's fit is redone). Each result and sweep point has `rounds`, `wallMsMin`, `wallMsMax`
 *   and `roundWallMs`, and its wallMs is the work alone (start-up apart); the content has
 *   `interference` and `estimate`, a comparison its `verdict`. An older snapshot reads as
 *   one round, with null for what it never measured: the UI says it predates rounds.
 * - 4: where the workers' time went (issue 17), and the kind 'live' (issue 16). Each result has `timeShares` and
 *   each timeline entry its `cpu`. An older snapshot reads with every share null and the
 *   reason that it predates them, and every cpu null: unknown, never zero.
 * - 5: what was not measured is null, not 0: `cpuTimeMs`, `peakRssBytes` and
 *   `eventLoopDelay` of the page's own models (web-workers, renderer-main), which earlier
 *   versions wrote as zeros.
 * - 6 (current): a pipeline's `timeShares` and `timeSharesByRole` (issue 17). An older
 *   pipeline reads with every share null and the reason that it predates them. A live
 *   snapshot's core samples may name each core's `occupants`; older ones have none (unknown).
 *
 * The configs a snapshot holds are read strictly (run-config.ts): a key ever retired from a
 * config schema needs a step here that drops it from older files. No such key exists yet.
 */
import { z } from 'zod';
import { LabError } from './errors';
import { MODELS, type ModelId } from './models';
import { describeFirstIssue } from './schema-issues';
import { fitScaling, sweepObservations, type ScalingFit } from './stats/scaling';
import { scalingFitSchema } from './stats/scaling-schemas';
import { unmeasuredTimeShares } from './thread-states';

/** The schemaVersion this build writes. */
export const CURRENT_SNAPSHOT_VERSION = 6;
/** The oldest schemaVersion this build still reads. */
export const OLDEST_SNAPSHOT_VERSION = 1;

const MIB = 1024 * 1024;

/** What version 1 had that version 2 changed; the rest is checked by the current schema. */
const v1Schema = z
  .object({
    schemaVersion: z.literal(1),
    host: z.object({ memoryMb: z.number().nonnegative() }).loose(),
  })
  .loose();

/** Version 1 → 2: an empty note, and memory in bytes. */
function v1ToV2(doc: unknown): Record<string, unknown> {
  const parsed = v1Schema.safeParse(doc);
  if (!parsed.success) {
    throw new LabError('invalid-argument', `${describeFirstIssue(parsed.error)} (version 1)`);
  }
  const { memoryMb, ...host } = parsed.data.host;
  return {
    ...parsed.data,
    schemaVersion: 2,
    note: '',
    host: { ...host, memoryBytes: Math.round(memoryMb * MIB) },
  };
}

/** What version 2 had that version 3 changed: results and points without rounds. */
const v2Schema = z
  .object({
    schemaVersion: z.literal(2),
    kind: z.string(),
    results: z.array(z.object({ wallMs: z.number().nonnegative() }).loose()),
    points: z.array(z.object({ wallMs: z.number().nonnegative() }).loose()).optional(),
  })
  .loose();

/** One measured wall time as the single round it was. */
function asOneRound<T extends { wallMs: number }>(item: T): T & Record<string, unknown> {
  return {
    ...item,
    rounds: 1,
    wallMsMin: item.wallMs,
    wallMsMax: item.wallMs,
    roundWallMs: [item.wallMs],
  };
}

/**
 * Version 2 → 3: every result and point one round; interference, estimate, verdict null; a
 * sweep's fit redone from its points by the fit that agrees with the reference.
 */
function v2ToV3(doc: unknown): Record<string, unknown> {
  const parsed = v2Schema.safeParse(doc);
  if (!parsed.success) {
    throw new LabError('invalid-argument', `${describeFirstIssue(parsed.error)} (version 2)`);
  }
  const { points, ...rest } = parsed.data;
  const isMeasured = rest.kind === 'run' || rest.kind === 'sweep';
  return {
    ...rest,
    schemaVersion: 3,
    results: rest.results.map(asOneRound),
    ...(points ? { points: points.map(asOneRound) } : {}),
    ...(isMeasured ? { interference: null, estimate: null } : {}),
    ...(rest.kind === 'run' ? { verdict: null } : {}),
    ...(rest.kind === 'sweep' ? { fit: migrateFitToV3(rest.fit ?? null, points) } : {}),
  };
}

/** What version 3 had that version 4 extends: results whose timelines lack cpu. */
const v3Schema = z
  .object({
    schemaVersion: z.literal(3),
    results: z.array(z.object({ timeline: z.array(z.object({}).loose()) }).loose()),
  })
  .loose();

/** Version 3 → 4: shares unmeasured (with the reason), every task's cpu unknown. */
function v3ToV4(doc: unknown): Record<string, unknown> {
  const parsed = v3Schema.safeParse(doc);
  if (!parsed.success) {
    throw new LabError('invalid-argument', `${describeFirstIssue(parsed.error)} (version 3)`);
  }
  return {
    ...parsed.data,
    schemaVersion: 4,
    results: parsed.data.results.map((result) => ({
      ...result,
      timeShares: unmeasuredTimeShares('saved before Corelab measured thread states'),
      timeline: result.timeline.map((entry) => ({ ...entry, cpu: null })),
    })),
  };
}

/** What version 4 had that version 5 changed: the page's models' unmeasured figures as 0. */
const v4Schema = z
  .object({
    schemaVersion: z.literal(4),
    // Comparisons and sweeps have results; pipelines and live runs have none.
    results: z.array(z.object({ model: z.string() }).loose()).optional(),
  })
  .loose();

/** Version 4 → 5: the zeros the page wrote for its own models' CPU, memory and loop become null. */
function v4ToV5(doc: unknown): Record<string, unknown> {
  const parsed = v4Schema.safeParse(doc);
  if (!parsed.success) {
    throw new LabError('invalid-argument', `${describeFirstIssue(parsed.error)} (version 4)`);
  }
  const { results } = parsed.data;
  const inPage = (model: string): boolean => MODELS[model as ModelId]?.runtime === 'renderer';
  return {
    ...parsed.data,
    schemaVersion: 5,
    ...(results && {
      results: results.map((result) =>
        inPage(result.model)
          ? { ...result, cpuTimeMs: null, peakRssBytes: null, eventLoopDelay: null }
          : result,
      ),
    }),
  };
}

/** What version 5 had that version 6 extends: a pipeline's result without time shares. */
const v5Schema = z
  .object({
    schemaVersion: z.literal(5),
    kind: z.string(),
    pipeline: z.object({}).loose().optional(),
  })
  .loose();

/** Version 5 → 6: a pipeline's shares unmeasured, with the reason. */
function v5ToV6(doc: unknown): Record<string, unknown> {
  const parsed = v5Schema.safeParse(doc);
  if (!parsed.success) {
    throw new LabError('invalid-argument', `${describeFirstIssue(parsed.error)} (version 5)`);
  }
  const { pipeline } = parsed.data;
  const none = unmeasuredTimeShares('saved before Corelab measured the threads of pipelines');
  return {
    ...parsed.data,
    schemaVersion: 6,
    ...(parsed.data.kind === 'pipeline' &&
      pipeline && {
        pipeline: {
          ...pipeline,
          timeShares: none,
          timeSharesByRole: { producers: none, consumers: none },
        },
      }),
  };
}

/** The step that reads version N and writes N + 1. */
const STEPS: Readonly<Record<number, (doc: unknown) => Record<string, unknown>>> = {
  1: v1ToV2,
  2: v2ToV3,
  3: v3ToV4,
  4: v4ToV5,
  5: v5ToV6,
};

/** The schemaVersion a parsed document declares; throws naming the field when it has none. */
function declaredVersion(doc: unknown): number {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new LabError('invalid-argument', '(document): must be a JSON object');
  }
  const version = (doc as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) {
    throw new LabError('invalid-argument', 'schemaVersion: is missing (not a Corelab snapshot)');
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new LabError('invalid-argument', 'schemaVersion: must be a whole number');
  }
  return version;
}

/**
 * Brings a parsed snapshot document of any known version to the current one. Throws a
 * LabError ('invalid-argument') naming the field when the version is unknown or a step's
 * input does not fit; the result still has to pass the current schema.
 */
export function migrateSnapshot(doc: unknown): unknown {
  let version = declaredVersion(doc);
  if (version > CURRENT_SNAPSHOT_VERSION) {
    throw new LabError(
      'invalid-argument',
      `schemaVersion: ${version} is newer than this Corelab reads ` +
        `(${OLDEST_SNAPSHOT_VERSION} to ${CURRENT_SNAPSHOT_VERSION}); update Corelab to open it`,
    );
  }
  if (version < OLDEST_SNAPSHOT_VERSION) {
    throw new LabError(
      'invalid-argument',
      `schemaVersion: ${version} is not a snapshot version ` +
        `(${OLDEST_SNAPSHOT_VERSION} to ${CURRENT_SNAPSHOT_VERSION})`,
    );
  }
  let current = doc;
  while (version < CURRENT_SNAPSHOT_VERSION) {
    const step = STEPS[version];
    if (!step) throw new LabError('internal', `no migration from snapshot version ${version}`);
    current = step(current);
    version += 1;
  }
  return current;
}

/** What a version-2 sweep kept that a refit needs: its measured wall time per worker count. */
const v2PointsSchema = z.array(
  z.object({ workers: z.number().int().positive(), wallMs: z.number().positive() }).loose(),
);

/** The version-2 fit: linearised, scale pinned to the N = 1 run, no γ and no intervals. */
const v2FitSchema = z.object({
  amdahl: z.object({ serialFraction: z.number() }).loose(),
  usl: z.object({ sigma: z.number(), kappa: z.number() }).loose(),
});

/**
 * A sweep's `fit` for version 3, from the version-2 document's `fit` and `points`. The old
 * coefficients came from a linearised fit that disagrees with the reference (issue 12), so
 * they are not carried over: the fit is redone from the measured points, which a version-2
 * sweep always kept. A fit already in the new shape is kept; null (a sweep stopped before two
 * worker counts) stays null. Throws a LabError naming the field when neither shape fits.
 */
export function migrateFitToV3(oldFit: unknown, points: unknown): ScalingFit | null {
  if (oldFit === null) return null;
  const current = scalingFitSchema.safeParse(oldFit);
  if (current.success) return current.data;
  const old = v2FitSchema.safeParse(oldFit);
  if (!old.success) {
    throw new LabError('invalid-argument', `fit.${describeFirstIssue(old.error)} (version 2)`);
  }
  const measured = v2PointsSchema.safeParse(points);
  if (!measured.success) {
    throw new LabError(
      'invalid-argument',
      `points.${describeFirstIssue(measured.error)} (version 2)`,
    );
  }
  return fitScaling(
    sweepObservations(measured.data.map((p) => ({ workers: p.workers, roundWallMs: [p.wallMs] }))),
  );
}
