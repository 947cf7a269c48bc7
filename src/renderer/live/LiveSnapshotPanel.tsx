/** A reopened live snapshot: every model's series, resizes and task sizes, and the cores. */
import { useMemo } from 'react';
import { formatSignificant } from '../../shared/format';
import type { Snapshot } from '../../shared/snapshot';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { timeTicks } from '../pipeline/pipeline-view';
import { CoreOccupancyTable } from './CoreOccupancyTable';
import { coresBusyRows, liveStateOfSnapshot } from './live-snapshot';
import { LiveRunPanel } from './LiveRunPanel';

export interface LiveSnapshotPanelProps {
  snapshot: Extract<Snapshot, { kind: 'live' }>;
}

const seconds = (value: number): string => `${formatSignificant(value, 3)} s`;

/** The live panel over the whole saved run, then the cores busy during it. */
export function LiveSnapshotPanel({ snapshot }: LiveSnapshotPanelProps) {
  const state = useMemo(() => liveStateOfSnapshot(snapshot), [snapshot]);
  const rows = useMemo(
    () => coresBusyRows(snapshot.coreSeries, snapshot.live.startedAt),
    [snapshot],
  );
  const first = Number(rows[0]?.seconds ?? 0);
  const last = Number(rows.at(-1)?.seconds ?? 0);
  return (
    <>
      <LiveRunPanel state={state} isWholeRun />
      <section className="panel" aria-labelledby="live-snapshot-cores-title">
        <header className="panel-header">
          <h2 id="live-snapshot-cores-title">Cores busy during the run</h2>
          <p className="panel-subtitle">
            {snapshot.host.logicalCores} logical cores · seconds since the live run began
          </p>
        </header>
        <TimeSeriesChart
          data={rows}
          index="seconds"
          series={[{ key: 'busy', label: 'cores busy', color: 'var(--accent)' }]}
          valueFormatter={(n) => formatSignificant(n, 2)}
          xFormatter={seconds}
          xTicks={timeTicks(first, last)}
          yDomain={[0, snapshot.host.logicalCores]}
          ariaLabel="Cores busy in total during the live run"
          emptyText="No core samples were saved with this run"
        />
      </section>
      <section className="panel" aria-labelledby="live-snapshot-occupancy-title">
        <header className="panel-header">
          <h2 id="live-snapshot-occupancy-title">Which model ran on each core</h2>
          <p className="panel-subtitle">
            Of the run's core samples, the part in which each model's worker ran on that core
          </p>
        </header>
        <CoreOccupancyTable coreSeries={snapshot.coreSeries} />
      </section>
    </>
  );
}
