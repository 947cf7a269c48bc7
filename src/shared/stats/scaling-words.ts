/**
 * The scaling fits in plain words: one sentence per fit, the machine facts that bend the
 * curve, and the glossary the sweep panel and "About these numbers" show.
 */
import type { CoreTopology } from '../results';
import { formatCount, formatPercent, formatSignificant, formatSpeedup } from '../format';
import type { AmdahlFit, ScalingFit, UslFit } from './scaling';

/** One glossary entry: a term, its symbol, and what it means for a learner. */
export interface GlossaryEntry {
  term: string;
  symbol: string;
  meaning: string;
}

export const SCALING_GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'Contention',
    symbol: 'σ',
    meaning:
      'The share of time workers queue for something only one can use at a time: a lock, ' +
      "Python's GIL, one disk. It makes each extra worker add less.",
  },
  {
    term: 'Coherency',
    symbol: 'κ',
    meaning:
      'The cost of keeping shared data consistent between workers. It grows with every pair ' +
      'of workers, so past some point more workers make the whole slower.',
  },
  {
    term: 'Throughput of one',
    symbol: 'γ',
    meaning: 'The throughput the fitted curve gives one worker; the other numbers scale from it.',
  },
  {
    term: "Amdahl's serial fraction",
    symbol: 's',
    meaning:
      'The share of the work that only one worker at a time can do. However many workers you ' +
      'add, the speedup stays below 1/s.',
  },
  {
    term: '95% interval',
    symbol: 'CI',
    meaning:
      'The range the true value lies in, given the noise in these measurements. A wide one ' +
      'means the data says little; measure more rounds or more worker counts.',
  },
];

/** The shaded stretches of a worker axis where extra workers get less than a full core. */
export interface CoreBand {
  /** Workers beyond `from` (exclusive) up to `to` (inclusive; Infinity: no end). */
  from: number;
  to: number;
  label: string;
}

/**
 * Where workers stop getting a physical core of their own: past the performance cores of a
 * hybrid CPU (onto efficiency cores), and past the physical cores (sharing one by SMT).
 * Schedulers fill P-cores, then E-cores, then SMT siblings, which is the order assumed here.
 */
export function coreBands(
  logicalCores: number,
  physicalCores: number,
  topology?: CoreTopology,
): CoreBand[] {
  const bands: CoreBand[] = [];
  const performance = topology?.performanceCores;
  if (performance && topology?.efficiencyCores && performance < physicalCores) {
    bands.push({ from: performance, to: physicalCores, label: 'efficiency cores' });
  }
  if (logicalCores > physicalCores) {
    bands.push({ from: physicalCores, to: Infinity, label: 'shared cores (SMT)' });
  }
  return bands;
}

/** The sentences a sweep panel or `corelab fit` prints: one per fit, then the notes. */
export function explainFit(fit: ScalingFit): string[] {
  const sentences: string[] = [];
  if (fit.usl) sentences.push(explainUsl(fit.usl, fit.maxWorkers, fit.baselineThroughput));
  if (fit.amdahl) sentences.push(explainAmdahl(fit.amdahl, fit.baselineThroughput));
  return [...sentences, ...fit.notes];
}

/** The Amdahl sentence; speedups against `baseline`, as the chart and table give them. */
function explainAmdahl(
  { serialFraction, asymptoteThroughput }: AmdahlFit,
  baseline: number,
): string {
  if (serialFraction < 0.005 || asymptoteThroughput === null) {
    return "Amdahl's law: practically none of the work is serial, so speedup can keep growing with more workers.";
  }
  if (serialFraction > 0.995) {
    return "Amdahl's law: practically all of the work is serial, so extra workers bring no speedup.";
  }
  return (
    `Amdahl's law: about ${formatPercent(serialFraction)} of the work behaves as serial, so no ` +
    `number of workers makes it more than ${formatSpeedup(asymptoteThroughput / baseline)} ` +
    'faster than one.'
  );
}

/** The USL sentence: contention, coherency and what they predict, speedups against `baseline`. */
function explainUsl(usl: UslFit, maxWorkers: number, baseline: number): string {
  const { sigma, kappa, gamma, peakWorkers, peakThroughput } = usl;
  if (sigma > 0.995) {
    return 'USL: workers queue for something only one can use nearly all of the time (contention σ ≈ 1), so extra workers bring no speedup.';
  }
  const queue =
    sigma < 0.005
      ? 'workers hardly queue for anything (contention σ ≈ 0)'
      : `workers queue for something only one can use about ${formatPercent(sigma)} of the time (contention σ = ${formatSignificant(sigma)})`;
  if (peakWorkers === null || peakThroughput === null) {
    if (kappa > 0) {
      // κ was fitted but could be 0: neither a peak nor a level-off is what the data says.
      return (
        `USL: ${queue} and a coherency cost κ = ${formatSignificant(kappa)} too uncertain to ` +
        'place a peak.'
      );
    }
    const limit =
      sigma >= 0.005
        ? `, so throughput keeps rising but levels off towards ${formatSpeedup(gamma / sigma / baseline)} that of one worker`
        : ', so throughput should keep growing with more workers';
    return `USL: ${queue} and no cost of keeping shared data consistent shows${limit}.`;
  }
  const coherency = `keeping shared data consistent costs κ = ${formatSignificant(kappa)} per pair of workers`;
  const peak = Math.round(peakWorkers);
  if (peak <= 1) {
    return `USL: ${queue} and ${coherency}, so every worker beyond the first slows the whole down.`;
  }
  const where = usl.isPeakGuess
    ? `a guess, far beyond the ${formatCount(maxWorkers)} measured`
    : peak <= maxWorkers
      ? `within the ${formatCount(maxWorkers)} measured`
      : `beyond the ${formatCount(maxWorkers)} measured`;
  return (
    `USL: ${queue} and ${coherency}, so throughput should peak at about ${formatCount(peak)} ` +
    `workers (${formatSpeedup(peakThroughput / baseline)} that of one; ${where}) and fall beyond.`
  );
}

/**
 * What the machine does to the curve, in one sentence or none: SMT and efficiency cores past
 * which workers get less, battery and power saving. (The governor is shown, not told: Intel's
 * "powersave" still boosts, so naming it here would mislead.)
 */
export function explainTopology(
  maxWorkers: number,
  logicalCores: number,
  physicalCores: number,
  topology?: CoreTopology,
): string | null {
  const parts: string[] = [];
  for (const band of coreBands(logicalCores, physicalCores, topology)) {
    if (maxWorkers <= band.from) continue;
    parts.push(
      band.label === 'efficiency cores'
        ? `beyond ${band.from} workers the extra workers run on slower efficiency cores`
        : `beyond ${band.from} workers the extra workers share physical cores (SMT)`,
    );
  }
  if (topology?.onBattery) parts.push('the machine ran on battery');
  if (topology?.powerSaving) parts.push('a power-saving mode was on');
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}, which bends the curve below the ideal.`;
}

/** The machine facts a sweep panel lists beside its chart, each a short phrase. */
export function topologyFacts(topology?: CoreTopology): string[] {
  if (!topology) return [];
  const facts: string[] = [];
  if (topology.threadsPerCore && topology.threadsPerCore > 1) {
    facts.push(`${topology.threadsPerCore} threads per core (SMT)`);
  }
  if (topology.performanceCores !== undefined && topology.efficiencyCores !== undefined) {
    facts.push(
      `${topology.performanceCores} performance + ${topology.efficiencyCores} efficiency cores`,
    );
  }
  if (topology.governor) facts.push(`governor ${topology.governor}`);
  if (topology.coreMhz && topology.coreMhz.length > 0) {
    const low = Math.min(...topology.coreMhz);
    const high = Math.max(...topology.coreMhz);
    facts.push(low === high ? `${low} MHz now` : `${low}–${high} MHz now`);
  }
  if (topology.onBattery !== undefined) facts.push(topology.onBattery ? 'on battery' : 'on mains');
  if (topology.powerSaving) facts.push('power saving on');
  return facts;
}
