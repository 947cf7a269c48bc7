/** Flags run and sweep share for how a measurement is taken, and the lines that report it. */
import { formatMs } from '../../shared/format';
import { formatCores, type Interference, type RunEstimate } from '../../shared/measurement';
import { MAX_ROUNDS } from '../../shared/run-config';
import { intFlag, numberFlag } from '../cli-args';

export const MEASUREMENT_FLAGS = {
  rounds: { type: 'string' },
  'target-s': { type: 'string' },
  'other-load-limit': { type: 'string' },
} as const;

/** Reads --rounds, --target-s and --other-load-limit into config fields (absent: defaults). */
export function measurementOptions(values: Record<string, unknown>): {
  rounds?: number;
  targetS?: number;
  otherLoadLimitCores?: number;
} {
  const rounds = intFlag(values, 'rounds', { min: 1, max: MAX_ROUNDS });
  const targetS = numberFlag(values, 'target-s', { min: 0.1, max: 600 });
  const otherLoadLimitCores = numberFlag(values, 'other-load-limit', { min: 0, max: 1024 });
  return {
    ...(rounds === undefined ? {} : { rounds }),
    ...(targetS === undefined ? {} : { targetS }),
    ...(otherLoadLimitCores === undefined ? {} : { otherLoadLimitCores }),
  };
}

/** The estimate as printed on stderr before the run: size, time, and the smaller offer. */
export function describeEstimate(estimate: RunEstimate): string {
  const size = `${estimate.taskCount} tasks, ${Object.entries(estimate.params)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')}`;
  const how = estimate.isSized
    ? `calibrated in ${formatMs(estimate.calibrationMs)} to about ${formatMs(estimate.targetMs)} a round for the slowest model`
    : 'the size you gave';
  const lines = [`Estimate: ${estimate.note} (${size}; ${how}; ${estimate.rounds} round(s))`];
  if (estimate.smaller) {
    lines.push(
      `  The calibrated size would take about ${formatMs(estimate.smaller.estimatedMs)}: ` +
        `drop --tasks/--param to use it.`,
    );
  }
  return lines.join('\n');
}

/** The warning printed when other load or oversubscription disturbed the figures. */
export function describeInterference(interference: Interference | null): string | null {
  if (!interference) return null;
  const load =
    interference.otherLoadCores === null
      ? 'other load: not measurable on this OS'
      : `other load: ${formatCores(interference.otherLoadCores)} at most`;
  if (!interference.flagged) return `Machine was quiet (${load}).`;
  return [
    `Warning: these figures may be disturbed (${load}):`,
    ...interference.reasons.map((r) => `  - ${r}`),
  ].join('\n');
}
