/**
 * The one sentence at the top of a comparison's results: which model won, by how much with
 * its spread, or "within noise", and why in words a learner understands.
 */
import { formatSignificant, formatSpeedup } from './format';
import { MODELS } from './models';
import type { ModelResult } from './results';
import type { WorkloadKind } from './workloads/types';

/** How many ratios a range of rounds spans: the runner-up's time over the winner's. */
export interface RatioRange {
  median: number;
  low: number;
  high: number;
  /** The two models' ranges of wall time overlap: the difference may be noise. */
  isWithinNoise: boolean;
}

/** How much slower `other` was than `winner`, with the range the rounds allow. */
export function ratioRange(winner: ModelResult, other: ModelResult): RatioRange {
  return {
    median: other.wallMs / winner.wallMs,
    low: other.wallMsMin / winner.wallMsMax,
    high: other.wallMsMax / winner.wallMsMin,
    // With one round there is no range to overlap; the sentence says so instead.
    isWithinNoise: Math.min(winner.rounds, other.rounds) > 1 && winner.wallMsMax >= other.wallMsMin,
  };
}

/** Cores a model kept busy on average: its CPU time over the time its workers lived. */
export function coresUsed(result: ModelResult): number | null {
  if (result.cpuTimeMs === null) return null;
  const lifeMs = result.wallMs + result.startupMs;
  return lifeMs > 0 ? result.cpuTimeMs / lifeMs : 0;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function coresPhrase(cores: number): string {
  const rounded = formatSignificant(cores, 2);
  return `${rounded} ${rounded === '1' ? 'core' : 'cores'}`;
}

function roundsPhrase(rounds: number): string {
  return rounds === 1 ? '1 round, so no spread was measured' : `${rounds} rounds`;
}

/** Why the winner won, from the kind of work and the cores each used. */
function reason(kind: WorkloadKind, winner: ModelResult, other: ModelResult): string {
  if (kind === 'io') {
    return 'the tasks mostly wait, so what counts is how many wait at once, not how many cores compute';
  }
  const [mine, theirs] = [coresUsed(winner), coresUsed(other)];
  const work = kind === 'cpu' ? 'the work is CPU-bound' : 'the work mixes computing and waiting';
  const [winnerRuntime, otherRuntime] = [MODELS[winner.model].runtime, MODELS[other.model].runtime];
  if (otherRuntime === 'python' && winnerRuntime !== 'python') {
    return `${work}, and JavaScript's JIT-compiled kernel runs many times faster than the same kernel in CPython's interpreter`;
  }
  // The page cannot read its own models' CPU time: say nothing of their cores.
  if (mine === null || theirs === null) {
    return `${work}; the page cannot measure the CPU time of the models it runs itself, so how many cores each kept busy is not known here`;
  }
  if (mine > theirs + 0.3) {
    return `${work} and ${MODELS[winner.model].noun} kept ${coresPhrase(mine)} busy, ${MODELS[other.model].noun} ${coresPhrase(theirs)}`;
  }
  return `${work} and both kept about ${coresPhrase(mine)} busy, so the difference is in how each hands out tasks and messages`;
}

/**
 * The verdict of a comparison, or null when there is nothing to compare. Only results that
 * finished every task with a verified checksum take part: a fast wrong answer never wins.
 */
export function verdictSentence(
  results: readonly ModelResult[],
  kind: WorkloadKind,
): string | null {
  if (results.length === 0) return null;
  const finished = results
    .filter((r) => !r.isPartial && (r.verified || r.expectedChecksum === null))
    .sort((a, b) => a.wallMs - b.wallMs);
  const [winner, second] = finished;
  if (!winner)
    return 'No model finished every task with a verified answer, so there is no winner: see the errors below.';
  const winnerName = capitalized(MODELS[winner.model].noun);
  if (!second) {
    return results.length === 1
      ? `${winnerName} finished the work in ${formatSignificant(winner.wallMs / 1000, 3)} s (${roundsPhrase(winner.rounds)}).`
      : `${winnerName} was the only model to finish every task with a verified answer.`;
  }
  const range = ratioRange(winner, second);
  const secondName = MODELS[second.model].noun;
  const span = `${formatSpeedup(range.low).replace('×', '')}–${formatSpeedup(range.high)}`;
  const rounds = Math.min(winner.rounds, second.rounds);
  if (range.isWithinNoise) {
    return `${winnerName} and ${secondName} finished within noise of each other (${span}, ${roundsPhrase(rounds)}): ${reason(kind, winner, second)}.`;
  }
  const spread = rounds > 1 ? `${span}, ${roundsPhrase(rounds)}` : roundsPhrase(rounds);
  // Under 5 % apart "1.0× faster" would read as a contradiction: say how close, to 3 digits.
  if (range.median < 1.05) {
    return `${winnerName} and ${secondName} took about the same time (${formatSignificant(range.median, 3)}× apart, ${spread}): ${reason(kind, winner, second)}.`;
  }
  return `${winnerName} finished ${formatSpeedup(range.median)} faster than ${secondName} (${spread}): ${reason(kind, winner, second)}.`;
}
