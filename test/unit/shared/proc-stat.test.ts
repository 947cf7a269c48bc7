import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcStat, utilisation, type CpuTimes } from '../../../src/shared/proc-stat';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'latin1');

describe('parseProcStat', () => {
  it('returns one entry per cpuN line in file order, without the aggregate line', () => {
    const cores = parseProcStat(fixture('proc-stat-before.txt'));
    expect(cores.map((core) => core.id)).toEqual([0, 1, 2, 3]);
  });

  it('counts user, nice, system, irq, softirq and steal as busy, and idle and iowait on top', () => {
    const [cpu0] = parseProcStat(fixture('proc-stat-before.txt'));
    // cpu0 1393280 3966 372056 23343292 6130 0 17875 300 23933 0; guest (23933) is
    // already inside user and must not be added again.
    const busy = 1393280 + 3966 + 372056 + 0 + 17875 + 300;
    expect(cpu0).toEqual({ id: 0, busyTicks: busy, totalTicks: busy + 23343292 + 6130 });
  });

  it('reads old kernels that have fewer counters, missing ones as 0', () => {
    expect(parseProcStat('cpu  10 0 5 85\ncpu0 10 0 5 85\nintr 1\n')).toEqual([
      { id: 0, busyTicks: 15, totalTicks: 100 },
    ]);
  });

  it('keeps the OS numbering when a core is offline', () => {
    const text = 'cpu  2 0 0 2\ncpu0 1 0 0 1\ncpu2 1 0 0 1\n';
    expect(parseProcStat(text).map((core) => core.id)).toEqual([0, 2]);
  });

  it('rejects text without core lines', () => {
    expect(() => parseProcStat('intr 1 2 3\nctxt 4\n')).toThrow(/no cpuN lines/);
  });

  it('rejects a core line with too few or non-numeric counters', () => {
    expect(() => parseProcStat('cpu0 1 2\n')).toThrow(/malformed core line/);
    expect(() => parseProcStat('cpu0 1 2 x 4\n')).toThrow(/malformed core line/);
  });
});

describe('utilisation', () => {
  it('gives each core its busy share of the ticks between two readings', () => {
    const before = parseProcStat(fixture('proc-stat-before.txt'));
    const after = parseProcStat(fixture('proc-stat-after.txt'));
    // cpu0: +75 busy of +100 (guest +30 ignored); cpu1: no ticks at all; cpu2: +100 idle;
    // cpu3: user, irq, softirq and steal +30 of +100 with iowait +10 counted as not busy.
    expect(utilisation(before, after)).toEqual([75, 0, 0, 30]);
  });

  it('reads 0 for a core that was not in the earlier reading', () => {
    const prev: CpuTimes[] = [{ id: 0, busyTicks: 10, totalTicks: 20 }];
    const next: CpuTimes[] = [
      { id: 0, busyTicks: 15, totalTicks: 30 },
      { id: 1, busyTicks: 50, totalTicks: 60 },
    ];
    expect(utilisation(prev, next)).toEqual([50, 0]);
  });

  it('clamps to 0..100 when a counter steps backwards', () => {
    const prev: CpuTimes[] = [
      { id: 0, busyTicks: 100, totalTicks: 200 },
      { id: 1, busyTicks: 100, totalTicks: 200 },
    ];
    const next: CpuTimes[] = [
      // iowait went back by more than busy grew: busy delta 20 over total delta 10.
      { id: 0, busyTicks: 120, totalTicks: 210 },
      // busy went back (a counter wrapped or was reset).
      { id: 1, busyTicks: 90, totalTicks: 220 },
    ];
    expect(utilisation(prev, next)).toEqual([100, 0]);
  });

  it('reads 0 when the total went backwards', () => {
    const prev: CpuTimes[] = [{ id: 0, busyTicks: 100, totalTicks: 200 }];
    expect(utilisation(prev, [{ id: 0, busyTicks: 110, totalTicks: 190 }])).toEqual([0]);
  });
});
