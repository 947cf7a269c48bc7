/** What the content area shows while a snapshot or a comparison is open. */
import type { Capabilities } from '../../shared/lab-api';
import { snapshotWorkload } from '../../shared/snapshot';
import type { Theme } from '../charts/heat-palette';
import type { SnapshotsController, SnapshotView as OpenView } from '../hooks/use-snapshots';
import { CompareView } from './CompareView';
import { SnapshotView } from './SnapshotView';

export interface OpenedSnapshotProps {
  view: OpenView;
  snapshots: SnapshotsController;
  capabilities: Capabilities;
  theme: Theme;
}

/** One snapshot's results, or the comparison of several. */
export function OpenedSnapshot({ view, snapshots, capabilities, theme }: OpenedSnapshotProps) {
  if (view.kind === 'compare') {
    return <CompareView snapshots={view.snapshots} onClose={snapshots.closeView} />;
  }
  const { snapshot } = view;
  const workloadId = snapshotWorkload(snapshot);
  const workload = capabilities.workloads.find((w) => w.id === workloadId);
  return (
    <SnapshotView
      snapshot={snapshot}
      theme={theme}
      workloadLabel={workload?.label ?? workloadId}
      workloadKind={workload?.kind ?? null}
      onExport={(format) => void snapshots.exportAs(snapshot.name, format)}
      onClose={snapshots.closeView}
    />
  );
}
