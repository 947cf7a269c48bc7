/**
 * Runs a comparison or a sweep that may span two hosts: the engine's models through
 * LabApi, then the page's own models (renderer-main, web-workers) here, one after the
 * other so that no two models compete for the cores. Everything it learns becomes
 * RunActions; the window's state is the reducer's.
 */
import { errorMessage } from '../../shared/errors';
import type { LabApi, LabEvent } from '../../shared/lab-api';
import {
  DEFAULT_OTHER_LOAD_LIMIT_CORES,
  judgeInterference,
  type RunEstimate,
} from '../../shared/measurement';
import { MODELS, type ModelId } from '../../shared/models';
import { nothingDoneReason, type ModelResult } from '../../shared/results';
import { combineRounds, rotated, type RoundResult } from '../../shared/rounds';
import {
  type FaultOptions,
  type ModelRun,
  type RunConfig,
  type SweepConfig,
} from '../../shared/run-config';
import type { RunEvent } from '../../shared/run-events';
import { verdictSentence } from '../../shared/verdict';
import type { WorkloadParams } from '../../shared/workloads/types';
import { prepareWork, type PreparedWork } from '../../shared/run-prep';
import { getWorkload, resolveParams } from '../../shared/workloads/registry';
import { hasReference, rememberReference } from '../renderer-models/reference-checksum';
import {
  isRendererModel,
  runRendererModel,
  type RendererModelId,
} from '../renderer-models/run-renderer-model';
import type { CoreHistory } from './core-history';
import { CalibrationGate } from './calibration-gate';
import type { FrameDelayRecorder } from './frame-monitor';
import { estimateConfigOf } from './run-form';
import type { RunAction } from './run-state';

/** How a run (or one host's part of it) ended. */
type Outcome = { kind: 'complete' } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

/** A finished engine run: cancelled, complete, or failed when not one task was done. */
function runDoneOutcome(isCancelled: boolean, results: readonly ModelResult[]): Outcome {
  if (isCancelled) return { kind: 'cancelled' };
  const reason = nothingDoneReason(results);
  return reason ? { kind: 'failed', message: reason } : { kind: 'complete' };
}

/** When a model's run began, on this page's clock and on the sampler's. */
interface ModelStart {
  localMs: number;
  samplerMs: number;
}

interface Session {
  kind: 'run' | 'sweep';
  workload: string;
  /** The size every model runs: the config's, then calibration's once it is known. */
  params: WorkloadParams;
  taskCount: number;
  /** The config gave no size: calibration picks it, and the page's models use the same. */
  isAutoSized: boolean;
  rounds: number;
  /** Timeout and failure policy, resolved as the engine resolves them (fault.hang: 2 s). */
  faultOptions: FaultOptions;
  abort: AbortController;
  /** The engine's id for its part of the run; null before startRun answers. */
  engineRunId: string | null;
  /** Engine events that arrived before startRun answered with the id to match them by. */
  early: LabEvent[];
  settleEngine: ((outcome: Outcome) => void) | null;
  starts: Map<ModelId, ModelStart>;
  lastProgressMs: Map<ModelId, number>;
  /** `${model}@${workers}` of results already shown, so the final list does not double them. */
  seen: Set<string>;
  /** Every result shown, for a verdict over engine and page models together. */
  results: ModelResult[];
}

/** Progress updates re-render the window; 4 a second is smooth and costs renderer-main little. */
export const PROGRESS_INTERVAL_MS = 250;
/** One a second while measuring quietly: each re-render is CPU taken from the run. */
export const QUIET_PROGRESS_INTERVAL_MS = 1000;

let pageRunCounter = 0;

/** Drives runs and sweeps; one at a time. */
export class RunOrchestrator {
  private session: Session | null = null;
  /** The least time between two progress updates of one model. */
  private progressIntervalMs = PROGRESS_INTERVAL_MS;

  constructor(
    private readonly api: LabApi,
    private readonly history: CoreHistory,
    private readonly frames: FrameDelayRecorder,
    private readonly dispatch: (action: RunAction) => void,
    /** The window's estimates; a run waits for the one in flight (the engine is busy). */
    private readonly gate = new CalibrationGate(),
  ) {}

  /** Spaces progress updates (and so the window's re-renders) at least `ms` apart. */
  setProgressInterval(ms: number): void {
    this.progressIntervalMs = ms;
  }

  /** Whether a run or sweep is under way. */
  get isBusy(): boolean {
    return this.session !== null;
  }

  /** Feeds one event from the engine (the caller subscribes to api.onEvent). */
  handleEvent(event: LabEvent): void {
    const session = this.session;
    if (!session) return;
    if (session.engineRunId === null) {
      session.early.push(event);
      return;
    }
    if (event.runId === session.engineRunId) this.apply(session, event);
  }

  /** The engine's connection dropped: its events for this run will not come. */
  connectionLost(): void {
    this.session?.settleEngine?.({ kind: 'failed', message: 'lost the connection to the engine' });
  }

  /** Compares the configured models; resolves when the run has ended however it ended. */
  async run(config: RunConfig): Promise<void> {
    if (this.session) return;
    const session = this.begin('run', config);
    if (!session) return;
    this.dispatch({ type: 'begin-run', models: config.models, taskCount: session.taskCount });
    const engineModels = config.models.filter((m) => !isRendererModel(m.model));
    const pageModels = config.models.filter((m) => isRendererModel(m.model));
    let outcome: Outcome = { kind: 'complete' };
    try {
      if (engineModels.length > 0) {
        outcome = await this.runOnEngine(session, () =>
          this.api.startRun({ ...config, models: engineModels }),
        );
      } else {
        await this.calibrateForPage(session, config);
      }
      if (pageModels.length > 0 && outcome.kind === 'complete') {
        await this.runPageModels(session, pageModels);
        this.concludeWithPageModels(session, config, pageModels, engineModels.length > 0);
      }
    } catch (error) {
      outcome = { kind: 'failed', message: errorMessage(error) };
    }
    this.end(session, outcome);
  }

  /** Sweeps one model over 1..maxWorkers workers. */
  async sweep(config: SweepConfig): Promise<void> {
    if (this.session) return;
    const session = this.begin('sweep', config);
    if (!session) return;
    this.dispatch({
      type: 'begin-sweep',
      model: config.model,
      maxWorkers: config.maxWorkers,
      taskCount: session.taskCount,
    });
    let outcome: Outcome = { kind: 'complete' };
    try {
      if (isRendererModel(config.model)) {
        await this.calibrateForPage(session, {
          ...config,
          models: [{ model: config.model, workers: 1 }],
        });
        for (let workers = 1; workers <= config.maxWorkers; workers++) {
          if (session.abort.signal.aborted) break;
          const [result] = await this.runPageModels(session, [{ model: config.model, workers }]);
          if (!result) break;
          if (result.error && result.error.code !== 'cancelled') {
            outcome = { kind: 'failed', message: `${workers} workers: ${result.error.message}` };
            break;
          }
          if (!result.isPartial) {
            this.dispatch({ type: 'sweep-point', workers, wallMs: result.wallMs });
          }
        }
      } else {
        outcome = await this.runOnEngine(session, () => this.api.startSweep(config));
      }
    } catch (error) {
      outcome = { kind: 'failed', message: errorMessage(error) };
    }
    this.end(session, outcome);
  }

  /** Cancels the run: the engine's part through LabApi, the page's through its signal. */
  stop(): void {
    const session = this.session;
    if (!session || session.abort.signal.aborted) return;
    session.abort.abort();
    this.dispatch({ type: 'stopping' });
    if (session.engineRunId !== null) this.cancelOnEngine(session.engineRunId);
  }

  private begin(kind: Session['kind'], config: RunConfig | SweepConfig): Session | null {
    let prepared: PreparedWork;
    try {
      prepared = prepareWork(config, kind === 'sweep' ? 3 : 1);
    } catch (error) {
      this.dispatch({ type: 'finish', outcome: 'failed', message: errorMessage(error) });
      return null;
    }
    this.session = {
      kind,
      workload: config.workload,
      params: prepared.params,
      taskCount: prepared.taskCount,
      isAutoSized: config.taskCount === undefined && Object.keys(config.params ?? {}).length === 0,
      rounds: prepared.rounds,
      faultOptions: prepared.faultOptions,
      abort: new AbortController(),
      engineRunId: null,
      early: [],
      settleEngine: null,
      starts: new Map(),
      lastProgressMs: new Map(),
      seen: new Set(),
      results: [],
    };
    return this.session;
  }

  /** Takes the size calibration picked, so that the page's models run the same work. */
  private adoptEstimate(session: Session, estimate: RunEstimate): void {
    this.dispatch({ type: 'method', method: { estimate } });
    session.params = resolveParams(getWorkload(session.workload), estimate.params);
    session.taskCount = estimate.taskCount;
  }

  /**
   * A run of the page's models only: the engine calibrates engine models of the same shape
   * (estimateConfigOf), and the page runs the size it picked. Without an estimate (a busy
   * engine, a workload never sized) the page runs the config's own size.
   */
  private async calibrateForPage(session: Session, config: RunConfig): Promise<void> {
    const asked = session.isAutoSized ? estimateConfigOf(config) : null;
    if (!asked) return;
    try {
      const estimate = await this.gate.run(() => this.api.estimateRun(asked));
      if (estimate) this.adoptEstimate(session, estimate);
    } catch (error) {
      this.dispatch({
        type: 'note',
        note: `No calibration (${errorMessage(error)}): the page runs the default size.`,
      });
    }
  }

  /**
   * Runs the page's models for the session's rounds, the order rotated each round as the
   * engine does, and shows each model's combined result after its last round.
   */
  private async runPageModels(
    session: Session,
    models: readonly ModelRun[],
  ): Promise<ModelResult[]> {
    const rounds = new Map<ModelRun, RoundResult[]>(models.map((m) => [m, []]));
    // A model whose round failed runs no more rounds: they would fail the same way.
    const failed = new Set<ModelRun>();
    for (let round = 0; round < session.rounds; round++) {
      if (session.abort.signal.aborted) break;
      if (session.rounds > 1) {
        this.dispatch({ type: 'round', round: round + 1, rounds: session.rounds });
      }
      for (const run of rotated(models, round)) {
        if (session.abort.signal.aborted) break;
        if (failed.has(run)) continue;
        const result = await this.runInPage(session, run.model as RendererModelId, run.workers);
        rounds.get(run)!.push(result);
        if (result.error || result.isPartial) failed.add(run);
      }
    }
    const combined = [...rounds.values()].filter((r) => r.length > 0).map(combineRounds);
    for (const result of combined) this.addResult(session, result);
    return combined;
  }

  /**
   * The verdict over every model and, for a run without engine models, what the page can
   * judge of the machine: not other load (it cannot read the OS), but oversubscription.
   */
  private concludeWithPageModels(
    session: Session,
    config: RunConfig,
    pageModels: readonly ModelRun[],
    hasEngineModels: boolean,
  ): void {
    const verdict = verdictSentence(session.results, getWorkload(session.workload).kind);
    if (hasEngineModels) {
      this.dispatch({ type: 'method', method: { verdict } });
      return;
    }
    const interference = judgeInterference({
      otherLoadCores: null,
      quietCheckCores: null,
      parallelWorkers: Math.max(
        ...pageModels.map(({ model, workers }) => (MODELS[model].isParallel ? workers : 1)),
      ),
      logicalCores: this.history.cores,
      limitCores: config.otherLoadLimitCores ?? DEFAULT_OTHER_LOAD_LIMIT_CORES,
    });
    this.dispatch({ type: 'method', method: { verdict, interference } });
  }

  private end(session: Session, outcome: Outcome): void {
    this.session = null;
    // A cancel the engine answered with a normal end (it had just finished) still reads
    // as cancelled: that is what the user asked for and saw.
    const final: Outcome = session.abort.signal.aborted ? { kind: 'cancelled' } : outcome;
    this.dispatch({
      type: 'finish',
      outcome: final.kind,
      message: final.kind === 'failed' ? final.message : undefined,
    });
  }

  private async runOnEngine(
    session: Session,
    start: () => Promise<{ runId: string }>,
  ): Promise<Outcome> {
    const settled = new Promise<Outcome>((resolve) => (session.settleEngine = resolve));
    let runId: string;
    try {
      // Only when one is in flight: otherwise startRun goes out at once, as it always did.
      if (this.gate.isBusy) await this.gate.whenIdle();
      ({ runId } = await start());
    } catch (error) {
      session.settleEngine = null;
      return { kind: 'failed', message: errorMessage(error) };
    }
    session.engineRunId = runId;
    for (const event of session.early.splice(0))
      if (event.runId === runId) this.apply(session, event);
    // Stop was pressed while the engine was still answering startRun.
    if (session.abort.signal.aborted) this.cancelOnEngine(runId);
    const outcome = await settled;
    session.settleEngine = null;
    return outcome;
  }

  private cancelOnEngine(runId: string): void {
    this.api.cancel(runId).catch((error: unknown) => {
      // The run may have ended on its own meanwhile; its end event settles the session.
      console.warn(`cancel ${runId}: ${errorMessage(error)}`);
    });
  }

  /** One round of one page model; its result is shown once its rounds are combined. */
  private async runInPage(
    session: Session,
    model: RendererModelId,
    workers: number,
  ): Promise<RoundResult> {
    const runId = `page-${++pageRunCounter}`;
    if (!hasReference(session.workload, session.params, session.taskCount)) {
      this.dispatch({ type: 'note', note: 'Computing the expected checksum in a worker…' });
    }
    try {
      const result = await runRendererModel({
        runId,
        model,
        workers,
        workload: session.workload,
        params: session.params,
        taskCount: session.taskCount,
        faultOptions: session.faultOptions,
        signal: session.abort.signal,
        onEvent: (event) => this.apply(session, event),
        frameDelay: (fromMs, toMs) => this.frames.summarize(fromMs, toMs),
      });
      return result;
    } finally {
      this.dispatch({ type: 'note', note: null });
    }
  }

  private apply(session: Session, event: LabEvent | RunEvent): void {
    switch (event.type) {
      case 'model-start':
        this.dispatch({ type: 'note', note: null });
        session.starts.set(event.model, {
          localMs: performance.now(),
          samplerMs: this.history.toSamplerTime(Date.now()),
        });
        session.lastProgressMs.delete(event.model);
        this.dispatch({
          type: 'model-start',
          model: event.model,
          workers: event.workers,
          total: session.taskCount,
        });
        return;
      case 'progress': {
        const start = session.starts.get(event.model);
        // Each progress event bounds the start from above; the earliest bound is the best.
        if (start) {
          const estimate = this.history.toSamplerTime(Date.now()) - event.elapsedMs;
          start.samplerMs = Math.min(start.samplerMs, estimate);
        }
        const now = performance.now();
        const last = session.lastProgressMs.get(event.model) ?? -Infinity;
        if (now - last < this.progressIntervalMs && event.done < event.total) return;
        session.lastProgressMs.set(event.model, now);
        this.dispatch({
          type: 'progress',
          model: event.model,
          done: event.done,
          total: event.total,
          elapsedMs: event.elapsedMs,
        });
        return;
      }
      case 'tasks':
        // The timeline is drawn from the result, which carries every entry.
        return;
      case 'model-result':
        this.addResult(session, event.result);
        return;
      case 'sweep-point':
        this.dispatch({ type: 'sweep-point', workers: event.workers, wallMs: event.wallMs });
        return;
      case 'run-done': {
        const { estimate, interference, verdict } = event.result;
        this.dispatch({ type: 'method', method: { estimate, interference, verdict } });
        for (const result of event.result.results) this.addResult(session, result);
        // Stop may come from another window watching the same engine, not only this one.
        session.settleEngine?.(runDoneOutcome(event.result.isCancelled, event.result.results));
        return;
      }
      case 'sweep-done':
        this.dispatch({
          type: 'method',
          method: { estimate: event.result.estimate, interference: event.result.interference },
        });
        for (const result of event.result.results) this.addResult(session, result);
        this.dispatch({ type: 'sweep-fit', points: event.result.points, fit: event.result.fit });
        session.settleEngine?.({ kind: 'complete' });
        return;
      case 'pipeline-sample':
      case 'pipeline-done':
      case 'messages-progress':
        // Pipelines and the message explorer have their own views (src/renderer/pipeline,
        // src/renderer/messages).
        return;
      case 'live-sample':
      case 'live-resize':
      case 'live-done':
        // Live runs have their own controller.
        return;
      case 'estimate':
        this.adoptEstimate(session, event.estimate);
        return;
      case 'round-start':
        if (event.rounds > 1) {
          this.dispatch({ type: 'round', round: event.round, rounds: event.rounds });
        }
        return;
      case 'run-failed':
        session.settleEngine?.(
          event.isCancelled
            ? { kind: 'cancelled' }
            : { kind: 'failed', message: event.error.message },
        );
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown lab event ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Shows a result once, with the frame delay and core samples of its run attached. */
  private addResult(session: Session, result: ModelResult): void {
    const key = `${result.model}@${result.workers}`;
    if (session.seen.has(key)) return;
    session.seen.add(key);
    session.results.push(result);
    if (result.expectedChecksum !== null) {
      rememberReference(
        session.workload,
        session.params,
        session.taskCount,
        result.expectedChecksum,
      );
    }
    const start = session.starts.get(result.model) ?? null;
    const now = performance.now();
    // No frames at all: the monitor was stopped (quiet while measuring), nothing to report.
    const withFrames: ModelResult =
      result.frameDelay || !start || this.frames.countBetween(start.localMs, now) === 0
        ? result
        : { ...result, frameDelay: this.frames.summarize(start.localMs, now) };
    const startSamplerMs = start?.samplerMs ?? null;
    this.dispatch({
      type: 'result',
      entry: {
        result: withFrames,
        startSamplerMs,
        coreSamples:
          startSamplerMs === null
            ? []
            : this.history.slice(startSamplerMs - 1000, startSamplerMs + result.wallMs + 1000),
      },
    });
  }
}
