/** The working area once the host is known: controls on the left, live view and results on the right. */
import { useState } from 'react';
import type { Capabilities, LabApi } from '../../shared/lab-api';
import { MODELS } from '../../shared/models';
import type { HostInfo } from '../../shared/results';
import { useColorScheme } from '../hooks/use-color-scheme';
import { useCoreHistory } from '../hooks/use-core-history';
import { useFrameRecorder } from '../hooks/use-frame-recorder';
import { useRunController } from '../hooks/use-run-controller';
import type { LabConnectionState } from '../lab-transport';
import { defaultForm, toRunConfig, toSweepConfig, type RunForm } from '../state/run-form';
import type { ResultEntry } from '../state/run-state';
import { GettingStarted } from './GettingStarted';
import { LivePanel } from './LivePanel';
import type { EngineLoopDelay } from './LiveReadouts';
import { ProgressPanel } from './ProgressPanel';
import { ResultsPanel } from './ResultsPanel';
import { RunControls } from './RunControls';
import { SweepPanel } from './SweepPanel';

export interface WorkbenchProps {
  api: LabApi;
  connection: LabConnectionState;
  host: HostInfo;
  capabilities: Capabilities;
  /** The sampler's rate, for the width of a time slot in the core charts. */
  samplerHz: number;
}

/** The engine's worst event-loop delay in a set of results (engine models only). */
function worstEngineLoopDelay(entries: readonly ResultEntry[]): EngineLoopDelay | null {
  let worst: EngineLoopDelay | null = null;
  for (const { result } of entries) {
    if (MODELS[result.model].runtime === 'renderer') continue;
    if (!worst || result.eventLoopDelay.p99Ms > worst.p99Ms) {
      worst = { p99Ms: result.eventLoopDelay.p99Ms, model: result.model };
    }
  }
  return worst;
}

/** Controls, live cores, progress, results and sweep. */
export function Workbench({ api, connection, host, capabilities, samplerHz }: WorkbenchProps) {
  const theme = useColorScheme();
  const history = useCoreHistory(api, host.logicalCores);
  const frames = useFrameRecorder();
  const controller = useRunController(api, connection, history, frames);
  const [form, setForm] = useState<RunForm>(() => defaultForm(capabilities, host.logicalCores));
  const { state } = controller;
  const isBusy = state.phase !== 'idle';
  const sampleIntervalMs = 1000 / Math.max(0.1, samplerHz);
  const workloadLabel = (id: string | undefined): string =>
    capabilities.workloads.find((w) => w.id === id)?.label ?? id ?? '';

  const sweepPanel = (
    <SweepPanel
      sweep={state.sweep}
      logicalCores={host.logicalCores}
      physicalCores={host.physicalCores}
    />
  );

  return (
    <div className="workbench">
      <aside className="sidebar" aria-label="Controls">
        <RunControls
          capabilities={capabilities}
          form={form}
          onFormChange={setForm}
          isBusy={isBusy}
          isStopping={state.phase === 'stopping'}
          isConnected={connection.status === 'connected'}
          status={state.status}
          isError={state.isError}
          onRun={(models) => controller.startRun(toRunConfig(form, models))}
          onStop={controller.stop}
          onSweep={() => controller.startSweep(toSweepConfig(form))}
        />
      </aside>
      <main className="content">
        <LivePanel
          history={history}
          frames={frames}
          sampleIntervalMs={sampleIntervalMs}
          theme={theme}
          engineLoopDelay={worstEngineLoopDelay(state.results)}
        />
        <ProgressPanel state={state} />
        {state.progress.length === 0 && !state.sweep && <GettingStarted />}
        {/* The latest kind of result comes first, so it is never below the fold. */}
        {state.kind === 'sweep' && sweepPanel}
        <ResultsPanel
          entries={state.results}
          workloadLabel={workloadLabel(state.results[0]?.result.workload)}
          theme={theme}
          sampleIntervalMs={sampleIntervalMs}
        />
        {state.kind !== 'sweep' && sweepPanel}
      </main>
    </div>
  );
}
