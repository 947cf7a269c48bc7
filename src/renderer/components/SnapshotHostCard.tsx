/** The machine a snapshot ran on, and what it ran, as a compact card. */
import { formatBytes, formatCount } from '../../shared/format';
import type { Snapshot } from '../../shared/snapshot';
import { localDateTime } from '../state/snapshot-view';

export interface SnapshotHostCardProps {
  snapshot: Snapshot;
  /** "A", "B", … in a comparison. */
  label?: string;
  color?: string;
}

/** What the snapshot ran, in a few words: a workload and its tasks, or a pipeline's shape. */
function ranWhat(snapshot: Snapshot): string {
  if (snapshot.kind === 'live') return `${snapshot.config.workload}, live`;
  if (snapshot.kind !== 'pipeline') {
    const { config } = snapshot;
    return `${config.workload}, ${formatCount(config.taskCount ?? 0)} tasks`;
  }
  const { producers, consumers, capacity } = snapshot.config;
  return `pipeline on ${snapshot.config.model}: ${producers} → queue of ${formatCount(capacity)} → ${consumers}`;
}

/** CPU, cores, memory, OS and runtime versions; the workload and when it was saved. */
export function SnapshotHostCard({ snapshot, label, color }: SnapshotHostCardProps) {
  const { host } = snapshot;
  const versions = [
    `Node ${host.versions.node}`,
    ...(host.versions.electron ? [`Electron ${host.versions.electron}`] : []),
    ...(host.versions.chrome ? [`Chromium ${host.versions.chrome}`] : []),
  ].join(' · ');
  return (
    <article className="host-card" aria-label={`${label ? `${label}: ` : ''}${snapshot.name}`}>
      <header className="host-card-header">
        {label && (
          <span className="host-card-label" style={{ backgroundColor: color }}>
            {label}
          </span>
        )}
        <h3>{snapshot.name}</h3>
      </header>
      <dl className="host-card-facts">
        <div>
          <dt>CPU</dt>
          <dd>{host.cpuModel}</dd>
        </div>
        <div>
          <dt>Cores</dt>
          <dd>
            {host.logicalCores} logical / {host.physicalCores} physical
          </dd>
        </div>
        <div>
          <dt>Memory</dt>
          <dd>{formatBytes(host.memoryBytes)}</dd>
        </div>
        <div>
          <dt>OS</dt>
          <dd>
            {host.os.distro} ({host.os.platform}/{host.os.arch})
          </dd>
        </div>
        <div>
          <dt>Runtime</dt>
          <dd>{versions}</dd>
        </div>
        <div>
          <dt>Ran</dt>
          <dd>
            {ranWhat(snapshot)} · {localDateTime(snapshot.createdAt)} · Corelab{' '}
            {snapshot.appVersion}
          </dd>
        </div>
      </dl>
      {snapshot.note && <p className="host-card-note">{snapshot.note}</p>}
    </article>
  );
}
