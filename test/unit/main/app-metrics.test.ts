import { describe, expect, it, vi } from 'vitest';
import { readAppProcesses } from '../../../src/main/app-metrics';

vi.mock('electron', () => import('../../fixtures/electron'));

describe('readAppProcesses', () => {
  it('turns ProcessMetric kilobytes into bytes and keeps the cumulative CPU seconds', () => {
    const metric = {
      pid: 42,
      creationTime: 1_700_000_000_000,
      type: 'GPU',
      cpu: { percentCPUUsage: 3, idleWakeupsPerSecond: 0, cumulativeCPUUsage: 1.5 },
      memory: { workingSetSize: 2048, peakWorkingSetSize: 4096 },
    } satisfies Electron.ProcessMetric;
    expect(
      readAppProcesses([
        metric,
        {
          ...metric,
          pid: 43,
          name: 'Network Service',
          type: 'Utility',
          cpu: { percentCPUUsage: 0, idleWakeupsPerSecond: 0 },
        },
      ]),
    ).toEqual([
      {
        pid: 42,
        creationTime: 1_700_000_000_000,
        type: 'GPU',
        cpuSeconds: 1.5,
        workingSetBytes: 2048 * 1024,
      },
      {
        pid: 43,
        creationTime: 1_700_000_000_000,
        type: 'Utility',
        name: 'Network Service',
        workingSetBytes: 2048 * 1024,
      },
    ]);
  });
});
