/** `corelab info`: this machine as Corelab sees it. */
import { getHostInfo } from '../../main/engine/host-info';
import { formatBytes } from '../../shared/format';
import { topologyFacts } from '../../shared/stats/scaling-words';
import { parseFlags } from '../cli-args';
import { terminalSafe } from '../tty';

/** Prints the host's CPU, cores, memory and OS. */
export async function infoCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { json: { type: 'boolean' } });
  const host = await getHostInfo();
  const facts = topologyFacts(host.topology);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(host, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    [
      `CPU      ${host.cpuModel}`,
      `Cores    ${host.logicalCores} logical, ${host.physicalCores} physical`,
      `Memory   ${formatBytes(host.memoryBytes)}`,
      `OS       ${host.os.distro} ${host.os.release} (${host.os.platform}/${host.os.arch})`,
      `Node     ${host.versions.node}`,
      ...(facts.length > 0 ? [`Topology ${facts.join(', ')}`] : []),
    ]
      .map(terminalSafe)
      .join('\n') + '\n',
  );
  return 0;
}
