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
import type { LiveAction } from './live-state';
import { startPageLive, type PageLiveHandle, type PageLiveStarter } from './page-live';

/** Quiet time after a slider's last move before the run is told: a held arrow key is one call. */
export const STEER_DEBOUNCE_MS = 150;

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
  config: LiveConfig;
  engine: EnginePart | null;
  page: { handle: PageLiveHandle; result: LiveResult | null } | null;
  isStopping: boolean;
  timers: Map<string, ReturnType<typeof setTimeout>>;
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
      timers: new Map(),
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
      this.api.startLive(engineConfig).then(
        ({ runId }) => {
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

  /** Asks for `workers` on `model`, once the slider has been still for a moment. */
  setWorkers(model: ModelId, workers: number): void {
    const current = this.current;
    if (!current || current.isStopping) return;
    this.dispatch({ type: 'set-workers', model, workers });
    this.debounce(
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
    this.debounce(
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
    for (const timer of current.timers.values()) clearTimeout(timer);
    this.dispatch({ type: 'stop' });
    current.page?.handle.stop();
    if (current.engine?.runId) this.cancelEngine(current.engine.runId);
  }

  /** Takes every lab event; acts on those of this window's engine part. */
  handleEvent(event: LabEvent): void {
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

  private debounce(
    current: Current,
    key: string,
    send: () => Promise<void>,
    onRefused: (message: string) => void,
  ): void {
    const pending = current.timers.get(key);
    if (pending) clearTimeout(pending);
    current.timers.set(
      key,
      setTimeout(() => {
        current.timers.delete(key);
        send().catch((error: unknown) => {
          if (this.current === current && !current.isStopping) onRefused(errorMessage(error));
        });
      }, STEER_DEBOUNCE_MS),
    );
  }

  private finishIfDone(current: Current): void {
    if (this.current !== current) return;
    const parts = [current.engine?.result, current.page?.result];
    if (current.engine && !current.engine.result) return;
    if (current.page && !current.page.result) return;
    this.current = null;
    this.dispatch({
      type: 'done',
      result: joinLiveResults(
        current.config,
        parts.filter((p): p is LiveResult => !!p),
      ),
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
    for (const timer of current.timers.values()) clearTimeout(timer);
    // The other part must not run on unseen: end it too.
    current.page?.handle.stop();
    if (current.engine?.runId) this.cancelQuietly(current.engine.runId);
    this.dispatch({ type: 'failed', message });
  }
}
