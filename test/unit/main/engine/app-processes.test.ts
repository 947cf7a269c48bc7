import { describe, expect, it } from 'vitest';
import { appProcessUsage, type AppProcessReading } from '../../../../src/main/engine/app-processes';

const reading = (over: Partial<AppProcessReading>): AppProcessReading => ({
  pid: 1,
  creationTime: 1000,
  type: 'Tab',
  cpuSeconds: 1,
  workingSetBytes: 100,
  ...over,
});

describe('appProcessUsage', () => {
  it('gives each process its CPU time between the readings and its larger working set', () => {
    const before = [
      reading({ pid: 10, type: 'Tab', cpuSeconds: 2, workingSetBytes: 300 }),
      reading({ pid: 11, type: 'GPU', cpuSeconds: 5, workingSetBytes: 900 }),
      reading({ pid: 12, type: 'Utility', name: 'Network Service', cpuSeconds: 0.5 }),
    ];
    const after = [
      reading({ pid: 10, type: 'Tab', cpuSeconds: 2.25, workingSetBytes: 200 }),
      reading({ pid: 11, type: 'GPU', cpuSeconds: 5.5, workingSetBytes: 1000 }),
      reading({ pid: 12, type: 'Utility', name: 'Network Service', cpuSeconds: 0.5 }),
    ];
    expect(appProcessUsage(before, after, new Set())).toEqual([
      { label: 'renderer', pid: 10, cpuUserMs: 250, cpuSystemMs: 0, peakRssBytes: 300 },
      { label: 'GPU', pid: 11, cpuUserMs: 500, cpuSystemMs: 0, peakRssBytes: 1000 },
      {
        label: 'utility: Network Service',
        pid: 12,
        cpuUserMs: 0,
        cpuSystemMs: 0,
        peakRssBytes: 100,
      },
    ]);
  });

  it('leaves out processes counted elsewhere, and any not alive at both readings', () => {
    const before = [
      reading({ pid: 1, type: 'Browser' }),
      reading({ pid: 20 }),
      reading({ pid: 30 }),
    ];
    const after = [
      reading({ pid: 1, type: 'Browser' }),
      // The same pid, a new process: not the one read before.
      reading({ pid: 20, creationTime: 2000 }),
      reading({ pid: 40 }),
    ];
    expect(appProcessUsage(before, after, new Set([1]))).toEqual([]);
  });
});
