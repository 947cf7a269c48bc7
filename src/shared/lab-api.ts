/**
 * LabApi: the whole surface between the UI and the engine (DESIGN.md "One API, two
 * transports"). The desktop app carries it over Electron IPC, browser mode over a
 * WebSocket; the renderer sees nothing else (`window.lab`).
 */
import type { ModelId, Runtime } from './models';
import type { CoreSample, HostInfo, ModelResult } from './results';
import type { Interference, RunEstimate } from './measurement';
import type { RunConfig, SweepConfig } from './run-config';
import type { RunEvent } from './run-events';
import type { ParamSpec, WorkloadKind, WorkloadNeed } from './workloads/types';
import type { SerializedError } from './errors';
import type { ScalingFit, SweepPoint } from './stats/scaling';
import type { PipelineConfig } from './pipeline/pipeline-config';
import type { PipelineResult, PipelineSample } from './pipeline/pipeline-result';
import type { Snapshot, SnapshotContent, SnapshotListEntry } from './snapshot';
import type { SnapshotExport, SnapshotExportFormat } from './snapshot-export';
import type { MessageOptions, MessageProgress, MessageReport } from './messages/message-cost';
import type { LiveConfig, LiveResize, LiveResult, LiveSample } from './live/live-schema';

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
  /** Workloads this model cannot run (by id), each with the reason; absent ids can run. */
  workloadReasons: Record<string, string>;
  /** Whether a live run can grow and shrink this model's pool while it runs. */
  canResize: boolean;
  /** Why it cannot resize, when canResize is false; null otherwise. */
  resizeReason: string | null;
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
  /** Other load during the run, over every model and round; null in snapshots from before 0.2. */
  interference: Interference | null;
  /** One plain sentence: which model won, by how much, or "within noise", and why. */
  verdict: string | null;
  /** The size the run used and what calibration expected; null before 0.2. */
  estimate: RunEstimate | null;
}

export interface SweepResult {
  runId: string;
  startedAt: string;
  config: SweepConfig;
  points: SweepPoint[];
  fit: ScalingFit;
  results: ModelResult[];
  interference: Interference | null;
  estimate: RunEstimate | null;
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

/** What the UI or the CLI hands over to save a snapshot; the engine adds host, time, version. */
export interface SaveSnapshotRequest {
  name: string;
  note?: string;
  /** Replace a snapshot of the same name (after the user agreed). */
  overwrite?: boolean;
  /** The run or sweep, its core series and model start times. */
  content: SnapshotContent;
}

/** Events of the lab as a whole: run events plus a run's end. */
export type LabEvent =
  | RunEvent
  | { type: 'run-done'; runId: string; result: RunResult }
  | { type: 'sweep-done'; runId: string; result: SweepResult }
  | { type: 'run-failed'; runId: string; error: SerializedError; isCancelled: boolean }
  /** A pipeline's live sample, about every 250 ms. */
  | { type: 'pipeline-sample'; runId: string; sample: PipelineSample }
  /** A pipeline ended (drained, forced or failed); its totals and series. */
  | { type: 'pipeline-done'; runId: string; result: PipelineResult }
  /** The message explorer measured one more row. */
  | { type: 'messages-progress'; runId: string; progress: MessageProgress }
  /** A live run's sample of one model, about every 250 ms. */
  | { type: 'live-sample'; runId: string; sample: LiveSample }
  /** A live run's resize took effect (or the run ended before it could). */
  | { type: 'live-resize'; runId: string; resize: LiveResize }
  /** A live run ended (duration, ramp, or cancel: then isCancelled); failures are 'run-failed'. */
  | { type: 'live-done'; runId: string; result: LiveResult };

export interface LabApi {
  getHostInfo(): Promise<HostInfo>;
  getCapabilities(): Promise<Capabilities>;
  getSamplerStats(): Promise<SamplerStats>;
  /**
   * Calibrates the run without starting it: the size it will use and how long it should
   * take. Calibration runs a small probe of each model (well under a second each on Node).
   * Null for workloads that are never resized (the fault demos).
   */
  estimateRun(config: RunConfig): Promise<RunEstimate | null>;
  /**
   * What a message costs: round trips per model, way of passing data and payload size, with
   * the crossovers where sharing beats copying. Each row also arrives as 'messages-progress'.
   * Refused with 'busy' while a run or pipeline uses the cores.
   */
  measureMessages(options: MessageOptions): Promise<MessageReport>;
  /**
   * Cancels the message explorer's measurement in progress: its workers and processes end,
   * and measureMessages rejects with 'cancelled'. Nothing happens when none is in progress.
   */
  cancelMessages(): Promise<void>;
  /** Starts a comparison; progress and the result arrive through onEvent. */
  startRun(config: RunConfig): Promise<{ runId: string }>;
  startSweep(config: SweepConfig): Promise<{ runId: string }>;
  cancel(runId: string): Promise<void>;
  /** Starts a live run: work that never runs out, pools that resize while it goes. */
  startLive(config: LiveConfig): Promise<{ runId: string }>;
  /**
   * Grows or shrinks one model's pool in a live run. Refused with 'invalid-argument' (not an
   * integer, < 1, > maxWorkers, during a ramp, a model that cannot resize) or 'not-found'
   * (no such live run, or the model is not in it).
   */
  setWorkers(runId: string, model: ModelId, workers: number): Promise<void>;
  /** Sets the target size of a live run's next tasks, in µs. */
  setTaskSize(runId: string, taskUs: number): Promise<void>;
  /** Starts a producer/consumer pipeline; samples and the result arrive through onEvent. */
  startPipeline(config: PipelineConfig): Promise<{ runId: string }>;
  /** Stops a pipeline: the first call drains it, a second one (or force) halts it. */
  stopPipeline(runId: string, options?: { force?: boolean }): Promise<void>;
  /** Every saved snapshot, newest first; a file that cannot be read is listed with its error. */
  listSnapshots(): Promise<SnapshotListEntry[]>;
  /** Saves a run or sweep; refused with 'conflict' when the name is taken, unless overwrite. */
  saveSnapshot(request: SaveSnapshotRequest): Promise<SnapshotListEntry>;
  loadSnapshot(name: string): Promise<Snapshot>;
  renameSnapshot(from: string, to: string): Promise<SnapshotListEntry>;
  deleteSnapshot(name: string): Promise<void>;
  /** Validates a snapshot file's text and saves it under the name inside it. */
  importSnapshot(
    text: string,
    fileName: string,
    options?: { overwrite?: boolean },
  ): Promise<SnapshotListEntry>;
  exportSnapshot(name: string, format: SnapshotExportFormat): Promise<SnapshotExport>;
  /** Subscribes to core-usage samples; returns the unsubscribe function. */
  onCoreSample(listener: (sample: CoreSample) => void): () => void;
  onEvent(listener: (event: LabEvent) => void): () => void;
}
