/**
 * Starts, steers and stops the window's live run, wherever each model runs: engine models
 * through LabApi (their samples arrive as lab events), page models right here. Both speak
 * the same LiveSample and LiveResize shapes, so the panel treats them alike; their two
 * results are joined into one LiveResult.
 */
import type { Dispatch } from 'react';
import { errorMessage, LabError } from '../../shared/errors';
import type { LabApi, LabEvent } from '../../shared/lab-api';
import type { LiveConfig, LiveModelResult, LiveResult } from '../../shared/live/live-schema';
import { MODELS, type ModelId } from '../../shared/models';
import { CalibrationGate } from '../state/calibration-gate';
import type { LiveAction } from './live-state';
import { startPageLive, type PageLiveHandle, type PageLiveStarter } from './page-live';

/** Least time between two moves of one slider sent to the run. */
export const STEER_INTERVAL_MS = 150;

type LiveEvent = Extract<
  LabEvent,
  { type: 'live-sample' | 'live-resize' | 'live-done' | 'run-failed' }
>;

interface EnginePart {
  /** Null until startLive answers; events that came first wait in `early`. */
  runId: string | null;
  early: LiveEvent[];
  result: LiveResult | null;
}

interface Current {
  /** Null for a run this window adopted: its result brings the config. */
  config: LiveConfig | null;
  engine: EnginePart | null;
  page: { handle: PageLiveHandle; result: LiveResult | null } | null;
  isStopping: boolean;
  /** Per slider: the move waiting for its turn, and the timer that gives it. */
  steers: Map<string, Steer>;
}

interface Steer {
  next: (() => Promise<void>) | null;
  timer: ReturnType<typeof setTimeout>;
}

const isPageModel = (model: ModelId): boolean => MODELS[model].runtime === 'renderer';

/** The part of `config` with only the models `keep` picks, or null when none. */
function partOf(config: LiveConfig, keep: (model: ModelId) => boolean): LiveConfig | null {
  const models = config.models.filter((m) => keep(m.model));
  return models.length > 0 ? { ...config, models } : null;
}

/** One result of the engine's and the page's parts, models in the order they were asked for. */
export function joinLiveResults(config: LiveConfig, parts: readonly LiveResult[]): LiveResult {
  const byModel = new Map<ModelId, LiveModelResult>();
  for (const part of parts) for (const m of part.models) byModel.set(m.model, m);
  const first = parts[0]!;
  return {
    runId: first.runId,
    startedAt: first.startedAt,
    // The parts' configs have their defaults filled in; the models are all of them.
    config: { ...first.config, models: config.models },
    isCancelled: parts.some((p) => p.isCancelled),
    durationMs: Math.max(...parts.map((p) => p.durationMs)),
    models: config.models.flatMap((m) => byModel.get(m.model) ?? []),
    // A fit is of one model's ramp, so only a run of one part can have one.
    fit: parts.length === 1 ? first.fit : null,
  };
}

export class LiveSession {
  private current: Current | null = null;

  constructor(
    private readonly api: LabApi,
    private readonly dispatch: Dispatch<LiveAction>,
    /** The window's estimates: the engine refuses a run while one calibrates ('busy'). */
    private readonly gate: CalibrationGate = new CalibrationGate(),
    private readonly startPage: PageLiveStarter = startPageLive,
  ) {}

  /** True while a live run of this window goes on. */
  get isActive(): boolean {
    return this.current !== null;
  }

  start(config: LiveConfig): void {
    if (this.current) return;
    this.dispatch({ type: 'start', config });
    const current: Current = {
      config,
      engine: null,
      page: null,
      isStopping: false,
      steers: new Map(),
    };
    this.current = current;
    const pageConfig = partOf(config, isPageModel);
    const engineConfig = partOf(config, (model) => !isPageModel(model));
    if (pageConfig) {
      try {
        const handle = this.startPage(pageConfig, {
          onSample: (sample) =>
            this.current === current && this.dispatch({ type: 'sample', sample }),
          onResize: (resize) =>
            this.current === current && this.dispatch({ type: 'resize', resize }),
        });
        current.page = { handle, result: null };
        handle.result.then(
          (result) => {
            if (current.page) current.page.result = result;
            this.finishIfDone(current);
          },
          (error: unknown) => this.fail(current, `Live run failed: ${errorMessage(error)}`),
        );
      } catch (error) {
        this.fail(current, errorMessage(error));
        return;
      }
    }
    if (engineConfig) {
      const engine: EnginePart = { runId: null, early: [], result: null };
      current.engine = engine;
      this.gate
        .whenIdle()
        .then(() => (this.current === current ? this.api.startLive(engineConfig) : null))
        .then(
          (started) => {
            if (!started) return;
            const { runId } = started;
            if (this.current !== current) {
              // Ended here (a page model failed) before the engine answered: end it there too.
              this.cancelQuietly(runId);
              return;
            }
            engine.runId = runId;
            this.dispatch({ type: 'running' });
            for (const event of engine.early.splice(0)) this.apply(event);
            if (current.isStopping) this.cancelEngine(runId);
          },
          (error: unknown) => this.fail(current, errorMessage(error)),
        );
    } else {
      this.dispatch({ type: 'running' });
    }
  }

  /** Asks for `workers` on `model` (moves close together are thinned, the last one kept). */
  setWorkers(model: ModelId, workers: number): void {
    const current = this.current;
    if (!current || current.isStopping) return;
    this.dispatch({ type: 'set-workers', model, workers });
    this.steer(
      current,
      `workers:${model}`,
      async () => {
        if (isPageModel(model)) current.page?.handle.setWorkers(model, workers);
        else if (current.engine?.runId)
          await this.api.setWorkers(current.engine.runId, model, workers);
      },
      (message) => this.dispatch({ type: 'set-workers-failed', model, message }),
    );
  }

  /** Makes the next tasks of every model `taskUs` microseconds of work. */
  setTaskSize(taskUs: number): void {
    const current = this.current;
    if (!current || current.isStopping) return;
    this.dispatch({ type: 'set-task-size', taskUs });
    this.steer(
      current,
      'task-size',
      async () => {
        current.page?.handle.setTaskSize(taskUs);
        if (current.engine?.runId) await this.api.setTaskSize(current.engine.runId, taskUs);
      },
      (message) => this.dispatch({ type: 'problem', message: `Task size refused: ${message}` }),
    );
  }

  /** Ends the run: each worker finishes the task in hand, and the result follows. */
  stop(): void {
    const current = this.current;
    if (!current || current.isStopping) return;
    current.isStopping = true;
    for (const steer of current.steers.values()) clearTimeout(steer.timer);
    this.dispatch({ type: 'stop' });
    current.page?.handle.stop();
    if (current.engine?.runId) this.cancelEngine(current.engine.runId);
  }

  /**
   * Takes every lab event; acts on those of this window's engine part. An idle window adopts
   * a live run it did not start (its tab closed, or another window's), so any window shows it
   * and can Stop it: one without a duration would otherwise keep the cores busy for ever.
   */
  handleEvent(event: LabEvent): void {
    if (this.current === null && event.type === 'live-sample') this.adopt(event.runId);
    const engine = this.current?.engine;
    if (!engine) return;
    if (
      event.type !== 'live-sample' &&
      event.type !== 'live-resize' &&
      event.type !== 'live-done' &&
      event.type !== 'run-failed'
    ) {
      return;
    }
    if (engine.runId === null) engine.early.push(event);
    else if (event.runId === engine.runId) this.apply(event);
  }

  private apply(event: LiveEvent): void {
    const current = this.current;
    if (!current?.engine || event.runId !== current.engine.runId) return;
    switch (event.type) {
      case 'live-sample':
        this.dispatch({ type: 'sample', sample: event.sample });
        return;
      case 'live-resize':
        this.dispatch({ type: 'resize', resize: event.resize });
        return;
      case 'live-done':
        current.engine.result = event.result;
        this.finishIfDone(current);
        return;
      case 'run-failed':
        this.fail(current, `Live run failed: ${event.error.message}`);
        return;
    }
  }

  /**
   * Sends a move at once, then at most one more per STEER_INTERVAL_MS: the latest of those
   * made meanwhile. A single key press acts now; a held arrow key is a few calls, not dozens.
   */
  private steer(
    current: Current,
    key: string,
    send: () => Promise<void>,
    onRefused: (message: string) => void,
  ): void {
    const fire = (move: () => Promise<void>): void => {
      move().catch((error: unknown) => {
        if (this.current === current && !current.isStopping) onRefused(errorMessage(error));
      });
    };
    const waiting = current.steers.get(key);
    if (waiting) {
      waiting.next = send;
      return;
    }
    fire(send);
    const entry: Steer = { next: null, timer: setTimeout(tick, STEER_INTERVAL_MS) };
    current.steers.set(key, entry);
    function tick(): void {
      const next = entry.next;
      if (!next) {
        current.steers.delete(key);
        return;
      }
      entry.next = null;
      fire(next);
      entry.timer = setTimeout(tick, STEER_INTERVAL_MS);
    }
  }

  private adopt(runId: string): void {
    this.current = {
      config: null,
      engine: { runId, early: [], result: null },
      page: null,
      isStopping: false,
      steers: new Map(),
    };
    this.dispatch({ type: 'adopt' });
  }

  private finishIfDone(current: Current): void {
    if (this.current !== current) return;
    const parts = [current.engine?.result, current.page?.result];
    if (current.engine && !current.engine.result) return;
    if (current.page && !current.page.result) return;
    this.current = null;
    const finished = parts.filter((p): p is LiveResult => !!p);
    this.dispatch({
      type: 'done',
      result: joinLiveResults(current.config ?? finished[0]!.config, finished),
    });
  }

  private cancelEngine(runId: string): void {
    this.api.cancel(runId).catch((error: unknown) => {
      // 'not-found': it ended meanwhile, and its result is on its way. Anything else is news.
      if (this.current && !(error instanceof LabError && error.code === 'not-found')) {
        this.dispatch({ type: 'problem', message: `Stop failed: ${errorMessage(error)}` });
      }
    });
  }

  /** Ends an engine part nobody watches any more; its end is of no interest. */
  private cancelQuietly(runId: string): void {
    this.api.cancel(runId).catch(() => {
      // Already ended, or the connection is gone: nothing more this window can do.
    });
  }

  private fail(current: Current, message: string): void {
    if (this.current !== current) return;
    this.current = null;
    for (const steer of current.steers.values()) clearTimeout(steer.timer);
    // The other part must not run on unseen: end it too.
    current.page?.handle.stop();
    if (current.engine?.runId) this.cancelQuietly(current.engine.runId);
    this.dispatch({ type: 'failed', message });
  }
}
