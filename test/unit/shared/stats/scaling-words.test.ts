import { describe, expect, it } from 'vitest';
import { fitScaling, type ScalingObservation } from '../../../../src/shared/stats/scaling';
import {
  coreBands,
  explainFit,
  explainTopology,
  SCALING_GLOSSARY,
  topologyFacts,
} from '../../../../src/shared/stats/scaling-words';

/** Exact observations of X(N) = γN / (1 + σ(N − 1) + κN(N − 1)) at N = 1..max. */
function usl(max: number, gamma: number, sigma: number, kappa: number): ScalingObservation[] {
  return Array.from({ length: max }, (_, i) => {
    const n = i + 1;
    return { workers: n, throughput: (gamma * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1)) };
  });
}

describe('explainFit', () => {
  it('tells one sentence per fit: the USL peak with its speedup, and the Amdahl cap', () => {
    const [uslSentence, amdahlSentence, ...rest] = explainFit(fitScaling(usl(32, 10, 0.05, 0.001)));
    expect(uslSentence).toBe(
      'USL: workers queue for something only one can use about 5% of the time (contention σ = 0.05) ' +
        'and keeping shared data consistent costs κ = 0.001 per pair of workers, so throughput should ' +
        'peak at about 31 workers (9.0× that of one; within the 32 measured) and fall beyond.',
    );
    expect(amdahlSentence).toMatch(
      /^Amdahl's law: about \d+% of the work behaves as serial, so no number of workers makes it more than \d+\.\d× faster than one\.$/,
    );
    expect(rest).toEqual([]);
  });

  it('says the peak is a guess when it lies far beyond the measured workers', () => {
    const sentences = explainFit(fitScaling(usl(6, 10, 0.01, 0.0004)));
    expect(sentences[0]).toMatch(/a guess, far beyond the 6 measured/);
    expect(sentences.at(-1)).toMatch(/treat it as a guess/);
  });

  it('claims no peak for contention alone, and says where throughput levels off', () => {
    const [sentence] = explainFit(fitScaling(usl(12, 10, 0.1, 0)));
    expect(sentence).toBe(
      'USL: workers queue for something only one can use about 10% of the time (contention σ = 0.1) ' +
        'and no cost of keeping shared data consistent shows, so throughput keeps rising but levels ' +
        'off towards 10.0× that of one worker.',
    );
  });

  it('says plainly when extra workers bring nothing', () => {
    const sentences = explainFit(fitScaling(usl(6, 10, 1, 0)));
    expect(sentences[0]).toMatch(/σ ≈ 1\), so extra workers bring no speedup/);
    expect(sentences[1]).toMatch(/practically all of the work is serial/);
  });

  it('gives only the reasons when there are too few worker counts', () => {
    expect(explainFit(fitScaling(usl(2, 10, 0.1, 0)))).toEqual([
      "No fit of Amdahl's law: it needs at least 3 different worker counts and this has 2; sweep to at least 3 workers.",
      'No fit of the Universal Scalability Law (USL): it needs at least 4 different worker counts and this has 2; sweep to at least 4 workers.',
    ]);
  });
});

describe('machine facts', () => {
  const hybrid = {
    source: 'sysfs' as const,
    threadsPerCore: 2,
    performanceCores: 6,
    efficiencyCores: 8,
  };

  it('bands the efficiency cores and the SMT siblings, in the order schedulers fill them', () => {
    expect(coreBands(20, 14, hybrid)).toEqual([
      { from: 6, to: 14, label: 'efficiency cores' },
      { from: 14, to: Infinity, label: 'shared cores (SMT)' },
    ]);
    expect(coreBands(8, 8)).toEqual([]);
  });

  it('mentions only the boundaries the sweep crossed, and battery and power saving', () => {
    expect(explainTopology(4, 20, 14, hybrid)).toBeNull();
    expect(explainTopology(16, 16, 8)).toBe(
      'Beyond 8 workers the extra workers share physical cores (SMT), which bends the curve below the ideal.',
    );
    expect(explainTopology(20, 20, 14, { ...hybrid, onBattery: true })).toBe(
      'Beyond 6 workers the extra workers run on slower efficiency cores; beyond 14 workers the ' +
        'extra workers share physical cores (SMT); the machine ran on battery, which bends the curve below the ideal.',
    );
  });

  it('lists the facts as short phrases', () => {
    expect(
      topologyFacts({ ...hybrid, governor: 'powersave', coreMhz: [800, 4200], onBattery: false }),
    ).toEqual([
      '2 threads per core (SMT)',
      '6 performance + 8 efficiency cores',
      'governor powersave',
      '800–4200 MHz now',
      'on mains',
    ]);
    expect(topologyFacts(undefined)).toEqual([]);
  });

  it('defines contention, coherency and the serial fraction as the issue words them', () => {
    const terms = SCALING_GLOSSARY.map((entry) => `${entry.term} (${entry.symbol})`);
    expect(terms).toEqual(
      expect.arrayContaining(['Contention (σ)', 'Coherency (κ)', "Amdahl's serial fraction (s)"]),
    );
  });
});

describe('explainFit on noise', () => {
  it('places neither a peak nor a level-off when κ is fitted but could be 0', () => {
    // Throughput that falls and recovers at random: what a loaded 2-core machine measures.
    const noisy = [1, 2, 3, 4].map((workers, i) => ({
      workers,
      throughput: [0.7, 0.6, 0.26, 0.38][i]!,
    }));
    const fit = fitScaling(noisy);
    expect(fit.usl!.kappa).toBeGreaterThan(0);
    expect(fit.usl!.peakWorkers).toBeNull();
    const [sentence] = explainFit(fit);
    expect(sentence).toMatch(/too uncertain to place a peak\.$/);
    expect(fit.notes).toEqual([
      expect.stringMatching(/^The data shows no peak: .* interval reaches 0\)/),
    ]);
    expect(sentence).not.toMatch(/levels off|keeps rising/);
  });
});
