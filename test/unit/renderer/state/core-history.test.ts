import { describe, expect, it } from 'vitest';
import { CoreHistory } from '../../../../src/renderer/state/core-history';

describe('CoreHistory', () => {
  it('keeps only the newest samples once the ring wraps', () => {
    const history = new CoreHistory(2, 3);
    for (let i = 0; i < 5; i++) history.push({ t: 1000 + i * 100, cores: [i, 10 * i] }, 0);
    expect(history.size).toBe(3);
    expect(history.firstIndex).toBe(2);
    expect(history.lastIndex).toBe(4);
    expect(history.timeAt(2)).toBe(1200);
    expect(history.valueAt(4, 1)).toBe(40);
  });

  it('rounds utilisation to whole percent rather than truncating', () => {
    const history = new CoreHistory(2);
    history.push({ t: 1, cores: [99.6, 0.4] });
    expect(Array.from(history.rowAt(0))).toEqual([100, 0]);
  });

  it('sums a sample into cores busy', () => {
    const history = new CoreHistory(4);
    history.push({ t: 1, cores: [100, 50, 50, 0] });
    expect(history.coresBusyAt(0)).toBe(2);
  });

  it("slices each sample's core occupants too, once any sample named one", () => {
    const history = new CoreHistory(2, 10);
    const threads = { model: 'worker-threads' as const, workers: [0, 1] };
    history.push({ t: 100, cores: [10, 20] });
    history.push({ t: 200, cores: [90, 20], occupants: [threads, null] });
    expect(history.slice(0, 300)).toEqual([
      { t: 100, cores: [10, 20], occupants: [null, null] },
      { t: 200, cores: [90, 20], occupants: [threads, null] },
    ]);
  });

  it('slices the samples of a time range, oldest first', () => {
    const history = new CoreHistory(1, 10);
    for (let i = 0; i < 10; i++) history.push({ t: i * 100, cores: [i] });
    const slice = history.slice(250, 500);
    expect(slice.map((s) => s.t)).toEqual([300, 400, 500]);
    expect(slice.map((s) => s.cores[0])).toEqual([3, 4, 5]);
  });

  it('starts afresh when samples come from a host with another core count', () => {
    const history = new CoreHistory(2);
    history.push({ t: 1, cores: [10, 20] });
    history.push({ t: 2, cores: [1, 2, 3, 4] });
    expect(history.cores).toBe(4);
    expect(history.size).toBe(1);
    expect(Array.from(history.rowAt(history.lastIndex))).toEqual([1, 2, 3, 4]);
  });

  it("maps this page's clock to the sampler's by the fastest sample's offset", () => {
    const history = new CoreHistory(1);
    expect(history.toSamplerTime(5000)).toBe(5000);
    history.push({ t: 10_000, cores: [0] }, 7_030); // travelled slowly
    history.push({ t: 10_100, cores: [0] }, 7_105);
    expect(history.toSamplerTime(8_000)).toBe(8_000 + (10_100 - 7_105));
  });

  it('tells subscribers the index of each new sample until they unsubscribe', () => {
    const history = new CoreHistory(1);
    const seen: number[] = [];
    const unsubscribe = history.subscribe((_t, index) => seen.push(index));
    history.push({ t: 1, cores: [0] });
    history.push({ t: 2, cores: [0] });
    unsubscribe();
    history.push({ t: 3, cores: [0] });
    expect(seen).toEqual([0, 1]);
  });
});
