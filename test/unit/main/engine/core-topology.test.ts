import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  parseCpuList,
  readCoreTopology,
  readLinuxTopology,
} from '../../../../src/main/engine/core-topology';
import { coreTopologySchema } from '../../../../src/shared/results';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A fake /sys with the given files (path relative to the root → contents). */
function fakeSys(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'corelab-sys-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${text}\n`);
  }
  return root;
}

describe('parseCpuList', () => {
  it('reads ranges and single CPUs, and nothing from garbage', () => {
    expect(parseCpuList('0-3,8,10-11')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpuList('5')).toEqual([5]);
    expect(parseCpuList('a-b')).toEqual([]);
  });
});

describe('readLinuxTopology', () => {
  it('reads a hybrid CPU: 2 P-cores with SMT, 2 E-cores, governor, MHz, battery, low power', async () => {
    const files: Record<string, string> = {
      'bus/event_source/devices/cpu_core/cpus': '0-3',
      'bus/event_source/devices/cpu_atom/cpus': '4-5',
      'devices/system/cpu/cpu0/cpufreq/scaling_governor': 'powersave',
      'class/power_supply/BAT0/type': 'Battery',
      'class/power_supply/BAT0/status': 'Discharging',
      'class/power_supply/AC/type': 'Mains',
      'class/power_supply/AC/online': '0',
      'firmware/acpi/platform_profile': 'low-power',
    };
    const siblings = ['0-1', '0-1', '2-3', '2-3', '4', '5'];
    siblings.forEach((list, cpu) => {
      files[`devices/system/cpu/cpu${cpu}/topology/core_cpus_list`] = list;
      files[`devices/system/cpu/cpu${cpu}/cpufreq/scaling_cur_freq`] = String(
        3_000_000 + cpu * 1000,
      );
    });
    const topology = await readLinuxTopology(fakeSys(files));
    expect(topology).toEqual({
      source: 'sysfs',
      threadsPerCore: 2,
      performanceCores: 2,
      efficiencyCores: 2,
      governor: 'powersave',
      coreMhz: [3000, 3001, 3002, 3003, 3004, 3005],
      onBattery: true,
      powerSaving: true,
    });
    expect(coreTopologySchema.parse(topology)).toEqual(topology);
  });

  it('reads SMT from thread_siblings_list on older kernels, and mains power as not on battery', async () => {
    const topology = await readLinuxTopology(
      fakeSys({
        'devices/system/cpu/cpu0/topology/thread_siblings_list': '0,2',
        'devices/system/cpu/cpu1/topology/thread_siblings_list': '1,3',
        'devices/system/cpu/cpu2/topology/thread_siblings_list': '0,2',
        'devices/system/cpu/cpu3/topology/thread_siblings_list': '1,3',
        'class/power_supply/AC/type': 'Mains',
        'class/power_supply/AC/online': '1',
      }),
    );
    expect(topology).toEqual({ source: 'sysfs', threadsPerCore: 2, onBattery: false });
  });

  it('claims nothing where /sys tells nothing (a container)', async () => {
    expect(await readLinuxTopology(fakeSys({}))).toEqual({ source: 'sysfs' });
  });
});

describe.runIf(process.platform === 'linux')('readCoreTopology on this Linux host', () => {
  it('fits the snapshot schema', async () => {
    const topology = await readCoreTopology();
    expect(coreTopologySchema.parse(topology)).toEqual(topology);
  });
});
