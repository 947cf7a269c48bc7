/**
 * LabApi: the whole surface between the UI and the engine (DESIGN.md "One API, two
 * transports"). The desktop app carries it over Electron IPC, browser mode over a
 * WebSocket; the renderer sees nothing else (`window.lab`).
 */
import type { z } from 'zod';
import type { ModelId } from './models';
import type { CoreSample, HostInfo } from './results';
import type { RunEstimate } from './measurement';
import type { RunConfig, SweepConfig } from './run-config';
import type { PipelineConfig } from './pipeline/pipeline-config';
import type { Snapshot, SnapshotListEntry } from './snapshot';
import type { SnapshotExport, SnapshotExportFormat } from './snapshot-export';
import type { saveSnapshotRequestSchema } from './snapshot-wire';
import type { MessageOptions, MessageReport } from './messages/message-cost';
import type { LiveConfig } from './live/live-schema';
import type {
  capabilitiesSchema,
  labEventSchema,
  modelAvailabilitySchema,
  runResultSchema,
  samplerStatsSchema,
  sweepResultSchema,
  workloadSummarySchema,
} from './lab-wire';

// The contract's data types are what its wire schemas (lab-wire.ts) produce: one definition.
export type WorkloadSummary = z.output<typeof workloadSummarySchema>;
export type ModelAvailability = z.output<typeof modelAvailabilitySchema>;
export type Capabilities = z.output<typeof capabilitiesSchema>;
export type RunResult = z.output<typeof runResultSchema>;
export type SweepResult = z.output<typeof sweepResultSchema>;
export type SamplerStats = z.output<typeof samplerStatsSchema>;
/** What the UI or the CLI hands over to save a snapshot; the engine adds host, time, version. */
export type SaveSnapshotRequest = z.output<typeof saveSnapshotRequestSchema>;
export type LabEvent = z.output<typeof labEventSchema>;

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
