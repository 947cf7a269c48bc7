/** One saved snapshot, reopened: its machine, then its results in the live view's panels. */
import { useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../shared/errors';
import type { Snapshot, SnapshotKind } from '../../shared/snapshot';
import type { SnapshotExportFormat } from '../../shared/snapshot-export';
import type { WorkloadKind } from '../../shared/workloads/types';
import { elementToPng } from '../charts/export-png';
import type { Theme } from '../charts/heat-palette';
import { downloadBlob } from '../download';
import { pipelineStateOfSnapshot } from '../pipeline/pipeline-snapshot';
import { PipelinePanel } from '../pipeline/PipelinePanel';
import { LiveSnapshotPanel } from '../live/LiveSnapshotPanel';
import { snapshotMethodView } from '../state/measurement-view';
import {
  entriesFromSnapshot,
  localDateTime,
  sampleIntervalOf,
  sweepViewFromSnapshot,
} from '../state/snapshot-view';
import { ResultsPanel } from './ResultsPanel';
import { SnapshotHostCard } from './SnapshotHostCard';
import { SweepPanel } from './SweepPanel';

export interface SnapshotViewProps {
  snapshot: Snapshot;
  theme: Theme;
  workloadLabel: string;
  /** The workload's kind, for a verdict on a snapshot that predates them; null if unknown. */
  workloadKind: WorkloadKind | null;
  onExport: (format: SnapshotExportFormat) => void;
  onClose: () => void;
}

const KIND_TITLES: Readonly<Record<SnapshotKind, string>> = {
  run: 'A run',
  sweep: 'A sweep',
  pipeline: 'A pipeline run',
  live: 'A live run',
};

/** The page's background colour, for a PNG that looks like the page. */
export function surfaceColor(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() || '#fff';
}

/** Header with exports and Close, the host card, then the sweep chart or the results. */
export function SnapshotView({
  snapshot,
  theme,
  workloadLabel,
  workloadKind,
  onExport,
  onClose,
}: SnapshotViewProps) {
  const chartsRef = useRef<HTMLDivElement>(null);
  const [pngError, setPngError] = useState<string | null>(null);
  const entries = useMemo(() => entriesFromSnapshot(snapshot), [snapshot]);
  const sweep = useMemo(() => sweepViewFromSnapshot(snapshot), [snapshot]);

  const exportPng = async (): Promise<void> => {
    if (!chartsRef.current) return;
    try {
      const { host } = snapshot;
      const caption = [
        `${snapshot.name} · ${KIND_TITLES[snapshot.kind]} saved ${localDateTime(snapshot.createdAt)}`,
        `${host.cpuModel} · ${host.logicalCores} logical / ${host.physicalCores} physical cores · ${host.os.platform} ${host.os.arch}`,
      ];
      const png = await elementToPng(chartsRef.current, surfaceColor(), caption);
      downloadBlob(`${snapshot.name}.png`, png);
      setPngError(null);
    } catch (error) {
      setPngError(errorMessage(error));
    }
  };

  return (
    <div className="snapshot-view" data-testid="snapshot-view">
      <section className="panel" aria-labelledby="snapshot-view-title">
        <header className="panel-header snapshot-view-header">
          <h2 id="snapshot-view-title">Snapshot: {snapshot.name}</h2>
          <p className="panel-subtitle">
            {KIND_TITLES[snapshot.kind]} saved {localDateTime(snapshot.createdAt)}
            {snapshot.kind === 'run' && snapshot.isCancelled ? ' · stopped early (partial)' : ''}
          </p>
          <div className="snapshot-actions snapshot-view-actions" role="group" aria-label="Export">
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => onExport('json')}
            >
              JSON
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => onExport('csv')}
            >
              CSV
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label="Chrome trace (opens in Perfetto)"
              onClick={() => onExport('trace')}
            >
              Trace
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label="PNG of the charts"
              onClick={() => void exportPng()}
            >
              PNG
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={onClose}
            >
              Close
            </button>
          </div>
        </header>
        <SnapshotHostCard snapshot={snapshot} />
        {pngError && (
          <p className="field-problem" role="alert">
            Could not make the PNG: {pngError}
          </p>
        )}
      </section>
      <div className="snapshot-view-charts" ref={chartsRef}>
        {snapshot.kind === 'pipeline' ? (
          <PipelinePanel state={pipelineStateOfSnapshot(snapshot)} />
        ) : snapshot.kind === 'live' ? (
          <LiveSnapshotPanel snapshot={snapshot} />
        ) : sweep ? (
          <SweepPanel
            sweep={sweep}
            logicalCores={snapshot.host.logicalCores}
            physicalCores={snapshot.host.physicalCores}
            topology={snapshot.host.topology}
          />
        ) : (
          <ResultsPanel
            entries={entries}
            workloadLabel={workloadLabel}
            theme={theme}
            sampleIntervalMs={sampleIntervalOf(snapshot)}
            method={snapshotMethodView(snapshot, workloadKind)}
            isLive={false}
          />
        )}
      </div>
    </div>
  );
}
