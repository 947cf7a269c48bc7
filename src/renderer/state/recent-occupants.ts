/**
 * The models whose workers occupied a core within the live window, for the core chart's
 * legend. Kept incrementally: each new sample is scanned once, so a frame costs its new
 * samples × cores, not the whole window.
 */
import { MODEL_IDS, type ModelId } from '../../shared/models';
import type { CoreHistory } from './core-history';

/** Tracks when each model last occupied a core. */
export class RecentOccupants {
  private readonly lastSeenMs = new Map<ModelId, number>();

  constructor(private readonly history: CoreHistory) {}

  /** Takes in samples `from`..`to` of the history. */
  add(from: number, to: number): void {
    const cores = this.history.cores;
    for (let index = Math.max(from, this.history.firstIndex); index <= to; index++) {
      const t = this.history.timeAt(index);
      for (let core = 0; core < cores; core++) {
        const code = this.history.occupantCodeAt(index, core);
        const occupant = code === 0 ? null : this.history.occupantOfCode(code);
        if (occupant) this.lastSeenMs.set(occupant.model, t);
      }
    }
  }

  /** Takes in the samples of the last `windowMs` the history holds (a chart's first paint). */
  addWindow(windowMs: number): void {
    const last = this.history.lastIndex;
    if (last < 0) return;
    this.add(this.history.indexAtOrAfter(this.history.timeAt(last) - windowMs), last);
  }

  /** The models seen within `windowMs` of the newest sample, in the models' own order. */
  models(windowMs: number): ModelId[] {
    const last = this.history.lastIndex;
    if (last < 0) return [];
    const since = this.history.timeAt(last) - windowMs;
    return MODEL_IDS.filter((model) => (this.lastSeenMs.get(model) ?? -Infinity) >= since);
  }
}
