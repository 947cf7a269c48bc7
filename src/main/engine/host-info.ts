/** The machine a run ran on, as snapshots and `corelab info` describe it. */
import os from 'node:os';
import si from 'systeminformation';
import type { HostInfo } from '../../shared/results';
import { readCoreTopology } from './core-topology';

/** The versions only the host process knows (null outside Electron). */
export interface HostVersions {
  electron?: string | null;
  chrome?: string | null;
}

type MachineFacts = Omit<HostInfo, 'versions'>;

// The machine does not change while Corelab runs, and systeminformation spawns lscpu and
// reads release files for these, so ask once per process.
let machineFacts: Promise<MachineFacts> | null = null;

async function readMachineFacts(): Promise<MachineFacts> {
  const [cpu, osInfo, topology] = await Promise.all([si.cpu(), si.osInfo(), readCoreTopology()]);
  const logicalCores = os.cpus().length || os.availableParallelism();
  const cpuModel = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ');
  return {
    cpuModel: cpuModel || os.cpus()[0]?.model || 'unknown CPU',
    logicalCores,
    // systeminformation reports 0 where it cannot tell (some VMs, containers).
    physicalCores: cpu.physicalCores > 0 ? cpu.physicalCores : logicalCores,
    memoryBytes: os.totalmem(),
    os: {
      platform: osInfo.platform || process.platform,
      // The kernel's release, as os.release(); the distribution's own is in `distro`.
      release: os.release(),
      distro: [osInfo.distro, osInfo.release].filter(Boolean).join(' ') || 'unknown',
      arch: osInfo.arch || process.arch,
    },
    ...(topology ? { topology } : {}),
  };
}

/** Describes this host: CPU, cores, memory, OS and runtime versions. */
export async function getHostInfo(versions: HostVersions = {}): Promise<HostInfo> {
  machineFacts ??= readMachineFacts().catch((error: unknown) => {
    // Let a later call try again rather than remember a failure.
    machineFacts = null;
    throw error;
  });
  const facts = await machineFacts;
  return {
    ...facts,
    os: { ...facts.os },
    versions: {
      node: process.versions.node,
      electron: versions.electron ?? null,
      chrome: versions.chrome ?? null,
    },
  };
}
