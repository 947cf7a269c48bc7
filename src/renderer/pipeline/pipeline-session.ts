/**
 * Starts and stops the window's pipeline, wherever it runs: engine models through LabApi
 * (their samples arrive as lab events), page models right here. The first Stop drains, any
 * later one forces.
 */
import type { Dispatch } from 'react';
import { errorMessage, LabError } from '../../shared/errors';
import type { LabApi, LabEvent } from '../../shared/lab-api';
import type { PipelineConfig } from '../../shared/pipeline/pipeline-config';
import type { PipelineRunHandle } from '../../shared/pipeline/pipeline-run';
import type { PipelineAction } from './pipeline-state';
import { isPagePipelineModel, startPagePipeline } from './page-pipeline';

type PipelineEvent = Extract<
  LabEvent,
  { type: 'pipeline-sample' | 'pipeline-done' | 'run-failed' }
>;

type Current =
  | {
      kind: 'engine';
      /** Null until startPipeline answers; events that came first wait in `early`. */
      runId: string | null;
      early: PipelineEvent[];
      /** A stop pressed before the run id was known: force or not. */
      pendingStop: boolean | null;
    }
  | { kind: 'page'; handle: PipelineRunHandle };

/** Starts page pipelines; tests pass their own. */
export type PagePipelineStarter = typeof startPagePipeline;

export class PipelineSession {
  private current: Current | null = null;
  private stops = 0;

  constructor(
    private readonly api: LabApi,
    private readonly dispatch: Dispatch<PipelineAction>,
    private readonly startPage: PagePipelineStarter = startPagePipeline,
  ) {}

  /** True while a pipeline of this window runs. */
  get isActive(): boolean {
    return this.current !== null;
  }

  start(config: PipelineConfig): void {
    if (this.current) return;
    this.stops = 0;
    this.dispatch({ type: 'start', config });
    if (isPagePipelineModel(config.model)) {
      this.startOnPage(config);
      return;
    }
    const current: Current = { kind: 'engine', runId: null, early: [], pendingStop: null };
    this.current = current;
    this.api.startPipeline(config).then(
      ({ runId }) => {
        if (this.current !== current) return;
        current.runId = runId;
        for (const event of current.early.splice(0)) this.apply(event);
        if (current.pendingStop !== null) this.stopOnEngine(runId, current.pendingStop);
      },
      (error: unknown) => this.fail(current, errorMessage(error)),
    );
  }

  /**
   * The first call drains the pipeline; later ones force it. `pressedAtMs` is when the
   * person pressed Stop (the input event's time), which a busy page handles later.
   */
  stop(pressedAtMs = performance.now()): void {
    const current = this.current;
    if (!current) return;
    this.stops++;
    const force = this.stops > 1;
    this.dispatch({ type: 'stop', pressedAtMs, handledAtMs: performance.now() });
    if (current.kind === 'page') current.handle.stop({ force });
    else if (current.runId === null) current.pendingStop = force;
    else this.stopOnEngine(current.runId, force);
  }

  /**
   * Takes every lab event; acts on those of this window's engine pipeline. An idle window
   * adopts an engine pipeline it did not start (its tab closed, or another window's), so any
   * window can show it and Stop it: one with no duration would otherwise run for ever.
   */
  handleEvent(event: LabEvent): void {
    if (this.current === null && event.type === 'pipeline-sample') this.adopt(event.runId);
    const current = this.current;
    if (current?.kind !== 'engine') return;
    if (
      event.type !== 'pipeline-sample' &&
      event.type !== 'pipeline-done' &&
      event.type !== 'run-failed'
    ) {
      return;
    }
    if (current.runId === null) current.early.push(event);
    else if (event.runId === current.runId) this.apply(event);
  }

  private apply(event: PipelineEvent): void {
    const current = this.current;
    if (current?.kind !== 'engine' || event.runId !== current.runId) return;
    switch (event.type) {
      case 'pipeline-sample':
        this.dispatch({ type: 'sample', sample: event.sample });
        return;
      case 'pipeline-done':
        this.current = null;
        this.dispatch({ type: 'done', result: event.result, atMs: performance.now() });
        return;
      case 'run-failed':
        this.fail(current, `Pipeline failed: ${event.error.message}`);
        return;
    }
  }

  private adopt(runId: string): void {
    this.stops = 0;
    this.current = { kind: 'engine', runId, early: [], pendingStop: null };
    this.dispatch({ type: 'adopt' });
  }

  private startOnPage(config: PipelineConfig): void {
    let handle: PipelineRunHandle;
    try {
      handle = this.startPage(config, (sample) => this.dispatch({ type: 'sample', sample }));
    } catch (error) {
      this.dispatch({ type: 'failed', message: errorMessage(error) });
      return;
    }
    const current: Current = { kind: 'page', handle };
    this.current = current;
    handle.result.then(
      (result) => {
        if (this.current === current) this.current = null;
        this.dispatch({ type: 'done', result, atMs: performance.now() });
      },
      (error: unknown) => this.fail(current, `Pipeline failed: ${errorMessage(error)}`),
    );
  }

  private stopOnEngine(runId: string, force: boolean): void {
    this.api.stopPipeline(runId, { force }).catch((error: unknown) => {
      // 'not-found': it ended meanwhile, and its result is on its way. Anything else is news.
      if (!(error instanceof LabError && error.code === 'not-found')) {
        this.dispatch({ type: 'failed', message: `Stop failed: ${errorMessage(error)}` });
      }
    });
  }

  private fail(current: Current, message: string): void {
    if (this.current !== current) return;
    this.current = null;
    this.dispatch({ type: 'failed', message });
  }
}
