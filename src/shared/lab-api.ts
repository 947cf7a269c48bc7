/**
 * LabApi: the whole surface between the UI and the engine (DESIGN.md "One API, two
 * transports"). The desktop app carries it over Electron IPC, browser mode over a
 * WebSocket; the renderer sees nothing else (`window.lab`).
 */
import type { ModelId, Runtime } from './models';
import type { CoreSample, HostInfo, ModelResult } from './results';
import type { RunConfig, SweepConfig } from './run-config';
import type { RunEvent } from './run-events';
import type { ParamSpec, WorkloadKind, WorkloadNeed } from './workloads/types';
import type { SerializedError } from './errors';
import type { ScalingFit, SweepPoint } from './stats/scaling';

export interface WorkloadSummary {
  id: string;
  label: string;
  kind: WorkloadKind;
  description: string;
  params: readonly ParamSpec[];
  defaultTasks: number;
  needs: readonly WorkloadNeed[];
}

export interface ModelAvailability {
  id: ModelId;
  /** null when the model can run in this host, else the reason it cannot. */
  unavailableReason: string | null;
}

export interface Capabilities {
  /** Runtimes the engine side offers (the renderer adds 'renderer' itself). */
  runtimes: Runtime[];
  models: ModelAvailability[];
  workloads: WorkloadSummary[];
  /** Largest worker count a slider may offer (2× logical cores unless overridden). */
  maxWorkers: number;
}

export interface RunResult {
  runId: string;
  startedAt: string;
  config: RunConfig;
  results: ModelResult[];
  /** True when Stop ended the run; `results` then holds what had finished. */
  isCancelled: boolean;
}

export interface SweepResult {
  runId: string;
  startedAt: string;
  config: SweepConfig;
  points: SweepPoint[];
  fit: ScalingFit;
  results: ModelResult[];
}

/** What the sampler says about itself, for the honest-measurement note. */
export interface SamplerStats {
  hz: number;
  source: 'proc-stat' | 'systeminformation';
  /** Mean cost of one sample's read and parse, in ms of the sampler's thread. */
  meanSampleCostMs: number;
  /** That cost as a fraction of one core at the current rate. */
  cpuFractionOfOneCore: number;
}

/** Events of the lab as a whole: run events plus a run's end. */
export type LabEvent =
  | RunEvent
  | { type: 'run-done'; runId: string; result: RunResult }
  | { type: 'sweep-done'; runId: string; result: SweepResult }
  | { type: 'run-failed'; runId: string; error: SerializedError; isCancelled: boolean };

export interface LabApi {
  getHostInfo(): Promise<HostInfo>;
  getCapabilities(): Promise<Capabilities>;
  getSamplerStats(): Promise<SamplerStats>;
  /** Starts a comparison; progress and the result arrive through onEvent. */
  startRun(config: RunConfig): Promise<{ runId: string }>;
  startSweep(config: SweepConfig): Promise<{ runId: string }>;
  cancel(runId: string): Promise<void>;
  /** Subscribes to core-usage samples; returns the unsubscribe function. */
  onCoreSample(listener: (sample: CoreSample) => void): () => void;
  onEvent(listener: (event: LabEvent) => void): () => void;
}
