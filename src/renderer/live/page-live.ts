/**
 * The live runs the page hosts itself: web-workers (Web Workers) and renderer-main (tasks on
 * the UI thread), through the shared resizable pool, reporting the engine's shapes.
 */
import type { LiveConfig, LiveResize, LiveResult, LiveSample } from '../../shared/live/live-schema';
import type { ModelId } from '../../shared/models';

/** A page live run: steer it, stop it, and its result once ended. */
export interface PageLiveHandle {
  /** Throws a LabError for a count the pool cannot take. */
  setWorkers(model: ModelId, workers: number): void;
  setTaskSize(taskUs: number): void;
  stop(): void;
  result: Promise<LiveResult>;
}

export interface PageLiveListener {
  onSample(sample: LiveSample): void;
  onResize(resize: LiveResize): void;
}

/** Starts page live runs; tests pass their own. */
export type PageLiveStarter = (config: LiveConfig, listener: PageLiveListener) => PageLiveHandle;

/**
 * Why the page's models cannot run live here, or null when they can. The page's pool can
 * resize, but the live loop around it (sizing, sampling, checks) runs only in the engine.
 */
export const PAGE_LIVE_REASON: string | null =
  'live mode runs only the engine’s models for now: this page has no live runner of its own yet';

/** Starts the page's part of a live run. */
export const startPageLive: PageLiveStarter = () => {
  throw new Error(PAGE_LIVE_REASON ?? 'not available');
};
