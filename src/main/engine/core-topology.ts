/**
 * How this machine's cores are built and driven, where the OS tells: SMT siblings, hybrid
 * performance/efficiency cores, the frequency governor and current frequencies, battery and
 * power saving. Linux reads /sys; macOS asks sysctl and pmset; elsewhere systeminformation.
 * Every fact is optional: a VM or container often hides some, and nothing here may fail a run.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import si from 'systeminformation';
import type { CoreTopology } from '../../shared/results';

const run = promisify(execFile);

/** CPU numbers of a kernel cpu list: "0-3,8,10-11" → [0, 1, 2, 3, 8, 10, 11]. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to)) return [];
    for (let cpu = from!; cpu <= to!; cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** A file's trimmed text, or undefined when it cannot be read. */
async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    // Absent or unreadable: the OS does not tell this fact here.
    return undefined;
  }
}

/** Linux: the facts under `sysRoot` (/sys; a temp tree in tests). */
export async function readLinuxTopology(sysRoot = '/sys'): Promise<CoreTopology> {
  const cpuDir = join(sysRoot, 'devices/system/cpu');
  const cpuNames = (await readdir(cpuDir).catch(() => [] as string[]))
    .filter((name) => /^cpu\d+$/.test(name))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  // Each logical CPU's physical core, named by its sibling list ("0,4" or "0-1").
  const coreOf = new Map<number, string>();
  const mhz: number[] = [];
  for (const name of cpuNames) {
    const base = join(cpuDir, name);
    const siblings =
      (await readText(join(base, 'topology/core_cpus_list'))) ??
      (await readText(join(base, 'topology/thread_siblings_list')));
    if (siblings !== undefined) coreOf.set(Number(name.slice(3)), siblings);
    const khz = Number(await readText(join(base, 'cpufreq/scaling_cur_freq')));
    if (Number.isFinite(khz) && khz > 0) mhz.push(Math.round(khz / 1000));
  }
  const topology: CoreTopology = { source: 'sysfs' };
  const cores = new Set(coreOf.values());
  if (cores.size > 0) topology.threadsPerCore = Math.max(1, Math.round(coreOf.size / cores.size));
  // Intel hybrid CPUs expose one PMU per core type, each listing its logical CPUs.
  const pmus = join(sysRoot, 'bus/event_source/devices');
  const pCpus = await readText(join(pmus, 'cpu_core/cpus'));
  const eCpus = await readText(join(pmus, 'cpu_atom/cpus'));
  if (pCpus !== undefined && eCpus !== undefined) {
    const physical = (list: string) =>
      new Set(parseCpuList(list).map((cpu) => coreOf.get(cpu) ?? String(cpu))).size;
    topology.performanceCores = physical(pCpus);
    topology.efficiencyCores = physical(eCpus);
  }
  const governor = await readText(join(cpuDir, 'cpu0/cpufreq/scaling_governor'));
  if (governor) topology.governor = governor.slice(0, 64);
  if (mhz.length === cpuNames.length && mhz.length > 0) topology.coreMhz = mhz;
  const onBattery = await readLinuxOnBattery(join(sysRoot, 'class/power_supply'));
  if (onBattery !== undefined) topology.onBattery = onBattery;
  const profile = await readText(join(sysRoot, 'firmware/acpi/platform_profile'));
  if (profile !== undefined) topology.powerSaving = profile === 'low-power';
  return topology;
}

/** On battery when a battery discharges; not when mains is online; unknown without either. */
async function readLinuxOnBattery(supplyDir: string): Promise<boolean | undefined> {
  const supplies = await readdir(supplyDir).catch(() => [] as string[]);
  let answer: boolean | undefined;
  for (const supply of supplies) {
    const type = await readText(join(supplyDir, supply, 'type'));
    if (
      type === 'Battery' &&
      (await readText(join(supplyDir, supply, 'status'))) === 'Discharging'
    ) {
      return true;
    }
    if (type === 'Mains' && (await readText(join(supplyDir, supply, 'online'))) === '1') {
      answer = false;
    }
  }
  return answer;
}

/** One sysctl value as a number, or undefined. */
async function sysctlNumber(name: string): Promise<number | undefined> {
  try {
    const value = Number((await run('sysctl', ['-n', name], { timeout: 2000 })).stdout.trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    // Older macOS or Intel Macs have no perflevels: not a hybrid CPU.
    return undefined;
  }
}

/** macOS: perflevel0 is the performance cores, perflevel1 the efficiency ones. */
async function readMacTopology(): Promise<CoreTopology> {
  const [physical, logical, levels, pCores, eCores] = await Promise.all([
    sysctlNumber('hw.physicalcpu'),
    sysctlNumber('hw.logicalcpu'),
    sysctlNumber('hw.nperflevels'),
    sysctlNumber('hw.perflevel0.physicalcpu'),
    sysctlNumber('hw.perflevel1.physicalcpu'),
  ]);
  const topology: CoreTopology = { source: 'sysctl' };
  if (physical && logical) topology.threadsPerCore = Math.max(1, Math.round(logical / physical));
  if (levels !== undefined && levels > 1 && pCores !== undefined && eCores !== undefined) {
    topology.performanceCores = pCores;
    topology.efficiencyCores = eCores;
  }
  try {
    const { stdout } = await run('pmset', ['-g', 'batt'], { timeout: 2000 });
    topology.onBattery = /Battery Power/.test(stdout);
    const settings = (await run('pmset', ['-g'], { timeout: 2000 })).stdout;
    const lowPower = /lowpowermode\s+(\d)/.exec(settings);
    if (lowPower) topology.powerSaving = lowPower[1] === '1';
  } catch {
    // pmset missing or refused: battery and power mode stay unknown.
  }
  return topology;
}

/** Elsewhere (Windows): what systeminformation knows. */
async function readSiTopology(): Promise<CoreTopology> {
  const [cpu, speed, battery] = await Promise.all([si.cpu(), si.cpuCurrentSpeed(), si.battery()]);
  const topology: CoreTopology = { source: 'systeminformation' };
  if (cpu.physicalCores > 0) {
    topology.threadsPerCore = Math.max(1, Math.round(cpu.cores / cpu.physicalCores));
  }
  if (cpu.performanceCores && cpu.efficiencyCores) {
    topology.performanceCores = cpu.performanceCores;
    topology.efficiencyCores = cpu.efficiencyCores;
  }
  if (speed.cores.length > 0 && speed.cores.every((ghz) => ghz > 0)) {
    topology.coreMhz = speed.cores.map((ghz) => Math.round(ghz * 1000));
  }
  if (battery.hasBattery) topology.onBattery = !battery.acConnected;
  return topology;
}

/** This machine's topology; undefined when nothing could be read. */
export async function readCoreTopology(
  platform: NodeJS.Platform = process.platform,
): Promise<CoreTopology | undefined> {
  try {
    if (platform === 'linux') return await readLinuxTopology();
    if (platform === 'darwin') return await readMacTopology();
    return await readSiTopology();
  } catch {
    // A fact that cannot be read must never cost the host description.
    return undefined;
  }
}
