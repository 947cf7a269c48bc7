/**
 * A live run (issue 16): each model's pool runs endless tasks of a chosen size, grows and
 * shrinks on request (or by a ramp), and reports a sample every 250 ms. It ends after its
 * duration, its ramp's last step, or a cancel; ending drains the pools, so every task sent
 * is answered and checked against its reference (none lost, none run twice).
 *
 * The loop is the same wherever the workers are: the engine (threads, processes, Python)
 * and the page (Web Workers, the UI thread) each hand it a LiveHost that opens their
 * workers, measures the kernel's cost and computes the reference checksums.
 */
import type { z } from 'zod';
import { LabError, serializeError } from '../errors';
import type { LabEvent } from '../lab-api';
import { invalidFields } from '../lab-wire';
import { MODELS, type ModelId } from '../models';
import { startPool, type PoolHandle, type PoolOutcome, type PoolWorker } from '../pool/run-pool';
import { epochNowMs } from '../protocol';
import { fitScaling, type ScalingFit } from '../stats/scaling';
import { getWorkload, resolveParams } from '../workloads/registry';
import type { WorkloadDefinition, WorkloadParams } from '../workloads/types';
import { describeLiveChecks } from './live-checks';
import {
  LIVE_SAMPLE_EVERY_MS,
  liveConfigSchema,
  type LiveModelResult,
  type LiveResize,
  type LiveResult,
} from './live-schema';
import { liveWorkloadProblem, planLiveTasks } from './live-sizing';
import { LiveTracker } from './live-tracker';

/** A model's live workers: how its pool starts each one, and what to close once it ended. */
export interface LiveWorkers {
  spawn(index: number): PoolWorker;
  /** Called once the model's pool has ended: its shared host, its thread watch. */
  finish(): Promise<unknown>;
  /** Work each worker holds sent ahead (see RunPoolOptions.queueAheadMs); none by default. */
  queueAheadMs?: number;
}

/** What a live run needs from the host its workers run in. */
export interface LiveHost {
  /** The most workers one model may have here. */
  maxWorkers: number;
  /** Why a model cannot run here, or null when it can. */
  unavailableReason(model: ModelId): string | null;
  openWorkers(model: ModelId): LiveWorkers;
  /** The kernel's cost on this machine, µs of one core per unit (see calibrateLiveCost). */
  unitCost(
    workload: WorkloadDefinition,
    params: WorkloadParams,
    signal: AbortSignal,
  ): Promise<number>;
  /** Each task's expected checksum, by the workload's independent algorithm. */
  taskChecksums(workload: string, params: WorkloadParams, taskCount: number): Promise<number[]>;
}

/** A run id, its cancel signal and where its events go. */
export interface LiveControl {
  runId: string;
  signal: AbortSignal;
  onEvent(event: LabEvent): void;
}

/** A live config checked against its host: workload, models, worker counts. */
export interface CheckedLive {
  config: z.output<typeof liveConfigSchema>;
  workload: WorkloadDefinition;
  params: WorkloadParams;
}

/** Checks a live config; throws a LabError naming the field and the rule. */
export function checkLiveConfig(host: LiveLimits, raw: unknown): CheckedLive {
  const parsed = liveConfigSchema.safeParse(raw);
  if (!parsed.success) throw invalidFields('startLive', 'config', parsed.error);
  const config = parsed.data;
  const workload = getWorkload(config.workload);
  const problem = liveWorkloadProblem(workload);
  if (problem) throw new LabError('invalid-argument', problem);
  const params = resolveParams(workload, config.params);
  const seen = new Set<ModelId>();
  for (const { model, workers } of config.models) {
    if (seen.has(model)) throw new LabError('invalid-argument', `models: ${model} is named twice`);
    seen.add(model);
    const reason = host.unavailableReason(model);
    if (reason) throw new LabError('unavailable', `${MODELS[model].label}: ${reason}`);
    checkWorkerCount(host, workers, 'workers');
  }
  if (config.ramp) checkWorkerCount(host, config.ramp.to, 'ramp.to');
  return { config, workload, params };
}

/** The part of a host that judges a config. */
type LiveLimits = Pick<LiveHost, 'maxWorkers' | 'unavailableReason'>;

function checkWorkerCount(host: LiveLimits, workers: number, field: string): void {
  if (workers > host.maxWorkers) {
    throw new LabError(
      'invalid-argument',
      `${field} must be at most ${host.maxWorkers} (this host's worker limit), not ${workers}`,
    );
  }
}

/** One model of a live run: its pool, its host and its figures. */
interface LiveModel {
  model: ModelId;
  pool: PoolHandle;
  workers: LiveWorkers;
  tracker: LiveTracker;
  outcome: PoolOutcome | null;
  /** Told to send no more: its workers leave one by one, which is no resize to chart. */
  isDraining: boolean;
  isEnded: boolean;
}

/** A live run in progress; its host keeps it to pass on setWorkers and setTaskSize. */
export class LiveRun {
  readonly result: Promise<LiveResult>;
  private readonly models = new Map<ModelId, LiveModel>();
  private readonly startedAt = new Date().toISOString();
  private liveStartEpochMs = 0;
  private unitCostUs = 0;
  private sampleTimer: ReturnType<typeof setInterval> | null = null;
  private durationTimer: ReturnType<typeof setTimeout> | null = null;
  private isEnding = false;
  private taskUs: number;
  /** Every task size's reference checksums, asked for so far. */
  private readonly referencesAsked: Promise<number[]>[] = [];

  constructor(
    private readonly host: LiveHost,
    private readonly checked: CheckedLive,
    private readonly control: LiveControl,
  ) {
    this.taskUs = checked.config.taskUs;
    this.result = this.run();
  }

  /**
   * Resizes one model's pool; refused (thrown at once) during a ramp, for an unknown model or
   * a bad count. The promise settles with the resize once it took effect.
   */
  setWorkers(model: ModelId, workers: number): Promise<LiveResize> {
    const entry = this.models.get(model);
    if (!this.checked.config.models.some((m) => m.model === model)) {
      throw new LabError('not-found', `${model} is not a model of this live run`);
    }
    if (!Number.isInteger(workers) || workers < 1) {
      throw new LabError('invalid-argument', `workers must be an integer >= 1, not ${workers}`);
    }
    checkWorkerCount(this.host, workers, 'workers');
    if (this.checked.config.ramp) {
      throw new LabError('invalid-argument', 'workers are set by the ramp in this live run');
    }
    if (!entry && !this.isEnding) {
      throw new LabError('busy', 'the live run is still calibrating; try again in a moment');
    }
    if (!entry || entry.isEnded || this.isEnding) {
      throw new LabError('not-found', `${model} is not running in this live run any more`);
    }
    return this.resize(entry, workers);
  }

  /** Sends every model's next tasks at the new size. */
  setTaskSize(taskUs: number): void {
    if (this.isEnding) throw new LabError('not-found', 'this live run is ending');
    if (this.unitCostUs === 0) throw new LabError('busy', 'the live run is still calibrating');
    this.taskUs = taskUs;
    this.applyTaskSize(epochNowMs());
  }

  private async run(): Promise<LiveResult> {
    const { config } = this.checked;
    const { signal } = this.control;
    this.liveStartEpochMs = epochNowMs();
    try {
      const { workload, params } = this.checked;
      this.unitCostUs = await this.host.unitCost(workload, params, signal);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    // Stopped before any task was sent: still an ending, not a failure.
    if (signal.aborted) return this.stoppedEarly();
    this.liveStartEpochMs = epochNowMs();
    const plan = this.plan();
    const references = this.references(plan.params, plan.taskCount);
    for (const { model, workers } of config.models) {
      const opened = this.host.openWorkers(model);
      const tracker = new LiveTracker(model, this.liveStartEpochMs, this.taskUs);
      tracker.addSize(0, plan.taskCount, references);
      const entry: LiveModel = {
        model,
        workers: opened,
        tracker,
        outcome: null,
        isDraining: false,
        isEnded: false,
        pool: startPool({
          runId: this.control.runId,
          model,
          workers: config.ramp?.from ?? workers,
          workload: this.checked.workload.id,
          params: plan.params,
          taskCount: plan.taskCount,
          io: {},
          spawn: opened.spawn,
          expectedChecksum: null,
          isEndless: true,
          // One warm standby: a slider's grow by one takes effect without a spawn's delay.
          spareWorkers: 1,
          onTaskEnd: (task) => tracker.onTaskEnd(task),
          queueAheadMs: opened.queueAheadMs,
        }),
      };
      this.models.set(model, entry);
      void entry.pool.workStarted.then((at) => {
        if (at !== null) tracker.beginStep(at, entry.pool.activeWorkers());
      });
    }
    this.sampleTimer = setInterval(() => this.sampleAll(), LIVE_SAMPLE_EVERY_MS);
    const onAbort = (): void => this.stop();
    signal.addEventListener('abort', onAbort, { once: true });
    if (config.durationS !== undefined) {
      this.durationTimer = setTimeout(() => this.stop(), config.durationS * 1000);
    }
    if (config.ramp) for (const entry of this.models.values()) void this.ramp(entry);
    await Promise.all([...this.models.values()].map((entry) => this.finishModel(entry)));
    signal.removeEventListener('abort', onAbort);
    this.stop();
    if (this.sampleTimer) clearInterval(this.sampleTimer);
    // Checks still waiting for a reference get it now (or count as unchecked).
    await Promise.allSettled(this.referencesAsked);
    const models = await Promise.all([...this.models.values()].map((e) => this.modelResult(e)));
    return {
      runId: this.control.runId,
      startedAt: this.startedAt,
      config,
      isCancelled: signal.aborted,
      durationMs: epochNowMs() - this.liveStartEpochMs,
      models,
      fit: this.fit(models),
    };
  }

  /** The result of a run stopped while it calibrated: nothing ran, nothing to check. */
  private stoppedEarly(): LiveResult {
    return {
      runId: this.control.runId,
      startedAt: this.startedAt,
      config: this.checked.config,
      isCancelled: true,
      durationMs: epochNowMs() - this.liveStartEpochMs,
      models: this.checked.config.models.map(({ model }) => ({
        model,
        steps: [],
        samples: [],
        resizes: [],
        tasksDone: 0,
        checksumVerified: null,
        checksumNote: 'stopped before its first task: nothing to check',
        error: null,
      })),
      fit: null,
    };
  }

  /** Waits for a model's pool to end, then for its host; closes its last step. */
  private async finishModel(entry: LiveModel): Promise<void> {
    entry.outcome = await entry.pool.result;
    entry.isEnded = true;
    entry.tracker.endStep(
      entry.outcome.startedAtEpochMs + entry.outcome.startupMs + entry.outcome.wallMs,
    );
    await entry.workers.finish();
  }

  /** Steps a model through the ramp, stepS at each count from when it took effect. */
  private async ramp(entry: LiveModel): Promise<void> {
    const ramp = this.checked.config.ramp!;
    if ((await entry.pool.workStarted) === null) return;
    for (let workers = ramp.from; workers <= ramp.to; workers++) {
      if (workers > ramp.from && (await this.resize(entry, workers)).firstTaskAtMs === null) {
        return;
      }
      if (!(await this.sleep(ramp.stepS * 1000))) return;
    }
    this.drain(entry);
  }

  /** Resolves true after `ms`, or false as soon as the run ends. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.isEnding) return resolve(false);
      const timer = setTimeout(() => {
        this.control.signal.removeEventListener('abort', onAbort);
        resolve(!this.isEnding);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      this.control.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Resizes a pool and records it; resolves with the resize once it took effect (or not). */
  private async resize(entry: LiveModel, workers: number): Promise<LiveResize> {
    const now = epochNowMs();
    const open = entry.tracker.resizeAsked(now, entry.pool.activeWorkers(), workers);
    const at = await entry.pool.resize(workers);
    const resize = entry.tracker.resizeTookEffect(open, at);
    this.control.onEvent({ type: 'live-resize', runId: this.control.runId, resize });
    return resize;
  }

  private applyTaskSize(atEpochMs: number): void {
    const plan = this.plan();
    const references = this.references(plan.params, plan.taskCount);
    for (const entry of this.models.values()) {
      if (entry.isEnded) continue;
      const first = entry.pool.setTaskSize(plan.params, plan.taskCount);
      entry.tracker.addSize(first, plan.taskCount, references);
      entry.tracker.changeTaskSize(atEpochMs, this.taskUs);
    }
  }

  private plan() {
    return planLiveTasks(this.checked.workload, this.checked.params, this.taskUs, this.unitCostUs);
  }

  private references(params: WorkloadParams, taskCount: number): Promise<number[]> {
    const references = this.host.taskChecksums(this.checked.workload.id, params, taskCount);
    // Each tracker handles a failure; this keeps an unobserved rejection quiet.
    references.catch(() => undefined);
    this.referencesAsked.push(references);
    return references;
  }

  private sampleAll(): void {
    const now = epochNowMs();
    for (const entry of this.models.values()) {
      if (entry.isEnded || entry.isDraining) continue;
      const sample = entry.tracker.sample(now, entry.pool.activeWorkers());
      this.control.onEvent({ type: 'live-sample', runId: this.control.runId, sample });
    }
  }

  /** Ends the run: every pool stops sending and ends once its tasks have answered. */
  stop(): void {
    if (this.isEnding) return;
    this.isEnding = true;
    if (this.durationTimer) clearTimeout(this.durationTimer);
    for (const entry of this.models.values()) this.drain(entry);
  }

  private drain(entry: LiveModel): void {
    entry.isDraining = true;
    entry.pool.drain();
  }

  private async modelResult(entry: LiveModel): Promise<LiveModelResult> {
    const outcome = entry.outcome!;
    const { tracker } = entry;
    const sent = entry.pool.tasksSent();
    const checks = tracker.checkTotals();
    const lost = sent - tracker.tasksEnded;
    const isWrong = checks.mismatched > 0 || checks.repeated > 0 || lost > 0;
    return {
      model: entry.model,
      steps: tracker.steps,
      samples: tracker.samples,
      resizes: tracker.resizes,
      tasksDone: tracker.tasksDone,
      checksumVerified: isWrong
        ? false
        : checks.checked > 0 && checks.unchecked === 0 && checks.failed === 0
          ? true
          : null,
      checksumNote: describeLiveChecks(checks, sent, lost),
      error: outcome.error ?? (checks.failed > 0 ? (outcome.failures[0]?.error ?? null) : null),
    };
  }

  /** The scaling fit of a one-model ramp, from its steps' throughput at each worker count. */
  private fit(models: LiveModelResult[]): ScalingFit | null {
    if (!this.checked.config.ramp || models.length !== 1) return null;
    const observations = models[0]!.steps
      .filter((step) => step.tasksPerSec > 0)
      .map((step) => ({ workers: step.workers, throughput: step.tasksPerSec }));
    if (new Set(observations.map((o) => o.workers)).size < 3) return null;
    try {
      return fitScaling(observations);
    } catch (error) {
      // A fit that cannot be made is no reason to lose the run; say why in the log.
      console.warn(`live fit: ${serializeError(error).message}`);
      return null;
    }
  }
}
