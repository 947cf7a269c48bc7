/** The working area once the host is known: controls on the left, live view and results on the right. */
import { Suspense, useMemo, useState } from 'react';
import type { Capabilities, LabApi } from '../../shared/lab-api';
import { MODELS } from '../../shared/models';
import type { HostInfo } from '../../shared/results';
import type { SnapshotListEntry } from '../../shared/snapshot';
import { useFrameMonitor } from '../hooks/use-frame-recorder';
import { useRunController } from '../hooks/use-run-controller';
import { LiveRateContext, QUIET_REDRAW_MS } from '../hooks/live-rate';
import { useRunEstimate } from '../hooks/use-run-estimate';
import type { LabConnectionState } from '../lab-transport';
import { CalibrationGate } from '../state/calibration-gate';
import { liveMethodView } from '../state/measurement-view';
import {
  defaultForm,
  formProblems,
  runnableModels,
  toRunConfig,
  toSweepConfig,
  type RunForm,
} from '../state/run-form';
import type { ResultEntry } from '../state/run-state';
import type { RunConfig, SweepConfig } from '../../shared/run-config';
import { useSnapshots } from '../hooks/use-snapshots';
import { snapshotContentOf, type StartedRun } from '../state/snapshot-draft';
import { GettingStarted } from './GettingStarted';
import { SaveSnapshotButton } from './SaveSnapshotButton';
import { SnapshotsPanel } from './SnapshotsPanel';
import { LivePanel, type LiveSource } from './LivePanel';
import { InterferenceWarning } from './MeasurementSummary';
import type { EngineLoopDelay } from './LiveReadouts';
import { ProgressPanel } from './ProgressPanel';
import { RunControls } from './RunControls';
import { MODE_PANEL_ID, ModeTabs, modeTabId, type WorkbenchMode } from '../pipeline/ModeTabs';
import { pipelineSnapshotContentOf } from '../pipeline/pipeline-snapshot';
import { usePipelineController } from '../pipeline/use-pipeline-controller';
import { useLiveController } from '../live/use-live-controller';
import { toLiveConfig } from '../live/live-form';
import { liveSnapshotContentOf } from '../live/live-snapshot';
import { lazyNamed } from '../lazy-named';
import { useMessageExplorer } from '../messages/use-message-explorer';

// Not needed to draw the first view (the live cores): chunks of their own (recharts with them).
const OpenedSnapshot = lazyNamed(() => import('./OpenedSnapshot'), 'OpenedSnapshot');
const ResultsPanel = lazyNamed(() => import('./ResultsPanel'), 'ResultsPanel');
const SweepPanel = lazyNamed(() => import('./SweepPanel'), 'SweepPanel');
const PipelineControls = lazyNamed(
  () => import('../pipeline/PipelineControls'),
  'PipelineControls',
);
const PipelinePanel = lazyNamed(() => import('../pipeline/PipelinePanel'), 'PipelinePanel');
const MessagesControls = lazyNamed(
  () => import('../messages/MessagesControls'),
  'MessagesControls',
);
const MessagesPanel = lazyNamed(() => import('../messages/MessagesPanel'), 'MessagesPanel');
const LiveControls = lazyNamed(() => import('../live/LiveControls'), 'LiveControls');
const LiveRunPanel = lazyNamed(() => import('../live/LiveRunPanel'), 'LiveRunPanel');

export interface WorkbenchProps {
  api: LabApi;
  connection: LabConnectionState;
  host: HostInfo;
  capabilities: Capabilities;
  /** What the live core view draws from: kept by the App, which draws it first. */
  live: LiveSource;
}

/** The engine's worst event-loop delay in a set of results (engine models only). */
function worstEngineLoopDelay(entries: readonly ResultEntry[]): EngineLoopDelay | null {
  let worst: EngineLoopDelay | null = null;
  for (const { result } of entries) {
    if (MODELS[result.model].runtime === 'renderer') continue;
    // Older snapshots only have the loop that ran the tasks, which was the engine's then.
    const delay = result.engineLoopDelay ?? result.eventLoopDelay;
    if (!delay) continue;
    const { p99Ms } = delay;
    if (!worst || p99Ms > worst.p99Ms) worst = { p99Ms, model: result.model };
  }
  return worst;
}

/** Where the skip link lands: the live view and results. */
export const MAIN_CONTENT_ID = 'main-content';

/** Controls, live cores, progress, results and sweep. */
export function Workbench({
  api,
  connection,
  host,
  capabilities,
  live: { history, frames, theme, sampleIntervalMs },
}: WorkbenchProps) {
  const [isQuiet, setQuiet] = useState(true);
  // Estimates and runs from this window take turns with the engine's calibration.
  const [gate] = useState(() => new CalibrationGate());
  const controller = useRunController(api, connection, history, frames, gate, isQuiet);
  const [form, setForm] = useState<RunForm>(() => defaultForm(capabilities, host.logicalCores));
  const { state } = controller;
  const isBusy = state.phase !== 'idle';
  const isQuietNow = isQuiet && isBusy;
  const isPageModelRunning = state.progress.some(
    (row) => row.phase === 'running' && MODELS[row.model].runtime === 'renderer',
  );
  // Quiet while measuring: frame delay is recorded only while the page's own models run.
  useFrameMonitor(frames, !isQuietNow || isPageModelRunning);
  // Stable between progress updates, so the memoised panels skip those re-renders.
  const { phase, kind, method: runMethod, results } = state;
  const method = useMemo(
    () => liveMethodView({ phase, kind, method: runMethod }),
    [phase, kind, runMethod],
  );
  const engineLoopDelay = useMemo(() => worstEngineLoopDelay(results), [results]);
  const workloadLabel = (id: string | undefined): string =>
    capabilities.workloads.find((w) => w.id === id)?.label ?? id ?? '';
  const isConnected = connection.status === 'connected';
  const workload = capabilities.workloads.find((w) => w.id === form.workloadId);
  const models = runnableModels(form, capabilities, workload);
  const isRunnable = models.length > 0 && formProblems(form, workload).length === 0;
  // Kept here, so a live run goes on (and can be stopped) across a switch of tabs.
  const live = useLiveController(api, capabilities, host.logicalCores, gate);
  const snapshots = useSnapshots(api, isConnected);
  const onSaved = (entry: SnapshotListEntry): void => {
    snapshots.notify(`Saved “${entry.name}”`);
    void snapshots.refresh();
  };
  // What the latest run was asked to do, for its snapshot.
  const [started, setStarted] = useState<StartedRun | null>(null);
  const startRun = (config: RunConfig): void => {
    setStarted({ kind: 'run', config, startedAt: new Date().toISOString() });
    snapshots.closeView();
    controller.startRun(config);
  };
  const startSweep = (config: SweepConfig): void => {
    setStarted({ kind: 'sweep', config, startedAt: new Date().toISOString() });
    snapshots.closeView();
    controller.startSweep(config);
  };

  const [mode, setMode] = useState<WorkbenchMode>('compare');
  // Lives here, not in the pipeline view, so a running pipeline survives a switch of tabs.
  const pipeline = usePipelineController(api, capabilities);
  const estimate = useRunEstimate(
    api,
    gate,
    isRunnable ? toRunConfig(form, models) : null,
    // A live run or a pipeline holds the engine: an estimate would only be refused.
    isConnected && !isBusy && live.state.phase === 'idle' && pipeline.state.phase === 'idle',
  );
  const isPipeline = mode === 'pipeline';
  const messages = useMessageExplorer(api);
  const isLive = mode === 'live';

  // Each lazy part suspends alone (fallback: nothing), never the live view beside it.
  const sweepPanel = (
    <Suspense fallback={null}>
      <SweepPanel
        sweep={state.sweep}
        logicalCores={host.logicalCores}
        physicalCores={host.physicalCores}
        topology={host.topology}
      />
    </Suspense>
  );
  const livePanel = (
    <LivePanel
      history={history}
      frames={frames}
      sampleIntervalMs={sampleIntervalMs}
      theme={theme}
      engineLoopDelay={mode === 'compare' ? engineLoopDelay : null}
    />
  );

  // One layout for both modes, so the tabs stay mounted (and focused) when the mode changes.
  return (
    <LiveRateContext.Provider value={isQuietNow ? QUIET_REDRAW_MS : 0}>
      <div className={isQuietNow ? 'workbench is-quiet' : 'workbench'}>
        <aside className="sidebar" aria-label="Controls">
          <ModeTabs mode={mode} onModeChange={setMode} />
          <div role="tabpanel" id={MODE_PANEL_ID} aria-labelledby={modeTabId(mode)}>
            {mode === 'messages' ? (
              <Suspense fallback={null}>
                <MessagesControls explorer={messages} isConnected={isConnected} />
              </Suspense>
            ) : isLive ? (
              <Suspense fallback={null}>
                <LiveControls
                  capabilities={capabilities}
                  form={live.form}
                  onFormChange={live.setForm}
                  state={live.state}
                  isConnected={isConnected}
                  onStart={(models, isRamp) => live.start(toLiveConfig(live.form, models, isRamp))}
                  onWorkersChange={live.setWorkers}
                  onTaskSizeChange={live.setTaskSize}
                  onStop={live.stop}
                />
              </Suspense>
            ) : isPipeline ? (
              <Suspense fallback={null}>
                <PipelineControls
                  capabilities={capabilities}
                  form={pipeline.form}
                  onFormChange={pipeline.setForm}
                  state={pipeline.state}
                  isConnected={isConnected}
                  onStart={pipeline.start}
                  onStop={pipeline.stop}
                />
              </Suspense>
            ) : (
              <>
                <RunControls
                  capabilities={capabilities}
                  form={form}
                  onFormChange={setForm}
                  isBusy={isBusy}
                  isStopping={state.phase === 'stopping'}
                  isConnected={isConnected}
                  status={state.status}
                  isError={state.isError}
                  estimate={estimate}
                  isQuiet={isQuiet}
                  onQuietChange={setQuiet}
                  onRun={(models) => startRun(toRunConfig(form, models))}
                  onStop={controller.stop}
                  onSweep={() => startSweep(toSweepConfig(form))}
                />
                <SnapshotsPanel snapshots={snapshots} isConnected={isConnected} />
              </>
            )}
          </div>
        </aside>
        <main className="content" id={MAIN_CONTENT_ID} tabIndex={-1}>
          {mode === 'messages' ? (
            <Suspense fallback={null}>
              <MessagesPanel explorer={messages} />
            </Suspense>
          ) : isLive ? (
            <>
              {livePanel}
              <Suspense fallback={null}>
                <LiveRunPanel state={live.state} />
              </Suspense>
              {live.state.result && (
                <SaveSnapshotButton
                  api={api}
                  draft={liveSnapshotContentOf(live.state, history)}
                  onSaved={onSaved}
                />
              )}
            </>
          ) : isPipeline ? (
            <>
              <Suspense fallback={null}>
                <PipelinePanel state={pipeline.state} />
              </Suspense>
              {pipeline.state.result && (
                <SaveSnapshotButton
                  api={api}
                  draft={pipelineSnapshotContentOf(pipeline.state, history)}
                  onSaved={onSaved}
                />
              )}
              {livePanel}
            </>
          ) : (
            <>
              {livePanel}
              {snapshots.view ? (
                <Suspense fallback={null}>
                  <OpenedSnapshot
                    view={snapshots.view}
                    snapshots={snapshots}
                    capabilities={capabilities}
                    theme={theme}
                  />
                </Suspense>
              ) : (
                <>
                  <ProgressPanel state={state} />
                  {state.progress.length === 0 && !state.sweep && <GettingStarted />}
                  {started && (
                    <SaveSnapshotButton
                      api={api}
                      draft={snapshotContentOf(state, started)}
                      onSaved={onSaved}
                    />
                  )}
                  {/* The latest kind of result comes first, so it is never below the fold. */}
                  {state.kind === 'sweep' && !isBusy && state.method?.interference?.flagged && (
                    <InterferenceWarning interference={state.method.interference} isLive />
                  )}
                  {state.kind === 'sweep' && sweepPanel}
                  {state.results.length > 0 && (
                    <Suspense fallback={null}>
                      <ResultsPanel
                        entries={state.results}
                        workloadLabel={workloadLabel(state.results[0]?.result.workload)}
                        theme={theme}
                        sampleIntervalMs={sampleIntervalMs}
                        method={method}
                        isLive
                      />
                    </Suspense>
                  )}
                  {state.kind !== 'sweep' && sweepPanel}
                </>
              )}
            </>
          )}
        </main>
      </div>
    </LiveRateContext.Provider>
  );
}
