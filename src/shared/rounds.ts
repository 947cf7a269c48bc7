/**
 * Rounds: every model of a comparison (or every point of a sweep) runs several times, the
 * order of models rotating between rounds, and its figures are the median round's with the
 * fastest and slowest beside them (hyperfine's range, criterion's "within noise").
 */
import { judgeInterference, type Interference } from './measurement';
import type { ModelResult } from './results';

/** What one round of one model produces: a ModelResult before its rounds are combined. */
export type RoundResult = Omit<ModelResult, 'rounds' | 'wallMsMin' | 'wallMsMax' | 'roundWallMs'>;

/** The items in the order round `round` (0-based) runs them: rotated by one each round. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** The largest of the numbers, or null when there is none. */
function maxOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** Joins the interference seen in several rounds and judges the worst of each figure. */
export function combineInterference(parts: readonly Interference[]): Interference | undefined {
  const first = parts[0];
  if (!first) return undefined;
  return judgeInterference({
    otherLoadCores: maxOrNull(parts.map((p) => p.otherLoadCores)),
    quietCheckCores: maxOrNull(parts.map((p) => p.quietCheckCores)),
    parallelWorkers: Math.max(...parts.map((p) => p.parallelWorkers)),
    logicalCores: first.logicalCores,
    limitCores: Math.min(...parts.map((p) => p.limitCores)),
  });
}

/**
 * One model's rounds as one result. The representative round is the median one (the lower
 * of the two middle rounds for an even count), or the first that did not complete, so that a
 * failure is never hidden behind a good round. Its wallMs is the median; min and max beside.
 */
export function combineRounds(rounds: readonly RoundResult[]): ModelResult {
  const first = rounds[0];
  if (!first) throw new Error('combineRounds needs at least one round');
  const walls = rounds.map((r) => r.wallMs);
  const byWall = [...rounds].sort((a, b) => a.wallMs - b.wallMs);
  const median = byWall[Math.floor((byWall.length - 1) / 2)]!;
  const representative = rounds.find((r) => r.isPartial) ?? median;
  const interference = combineInterference(
    rounds.map((r) => r.interference).filter((i): i is Interference => i !== undefined),
  );
  return {
    ...representative,
    rounds: rounds.length,
    wallMsMin: Math.min(...walls),
    wallMsMax: Math.max(...walls),
    roundWallMs: walls,
    ...(interference ? { interference } : {}),
  };
}
