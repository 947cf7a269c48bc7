import os from 'node:os';
import si from 'systeminformation';
import { describe, expect, it, vi } from 'vitest';
import { getHostInfo } from '../../../../src/main/engine/host-info';
import { hostInfoSchema } from '../../../../src/shared/results';

describe('getHostInfo', () => {
  it('describes this host in the snapshot schema and asks systeminformation only once', async () => {
    const cpu = vi.spyOn(si, 'cpu');
    const first = await getHostInfo();
    const second = await getHostInfo({ electron: '45.4.1', chrome: '142.0.0.0' });

    expect(hostInfoSchema.parse(first)).toEqual(first);
    expect(first.logicalCores).toBe(os.cpus().length);
    expect(first.physicalCores).toBeGreaterThanOrEqual(1);
    expect(first.physicalCores).toBeLessThanOrEqual(first.logicalCores);
    expect(first.memoryBytes).toBe(os.totalmem());
    expect(first.os.platform).toBe(process.platform);
    expect(first.os.arch).toBe(process.arch);
    expect(first.cpuModel).not.toBe('');
    expect(first.versions).toEqual({ node: process.versions.node, electron: null, chrome: null });
    expect(second.versions).toEqual({
      node: process.versions.node,
      electron: '45.4.1',
      chrome: '142.0.0.0',
    });
    expect(second.cpuModel).toBe(first.cpuModel);
    expect(cpu).toHaveBeenCalledTimes(1);
  });
});
