/** When a producer emits its next event: every intervalMs, on average, from its start. */

/**
 * A fixed-rate schedule on performance.now(). A timer that wakes a little late is made up
 * on the next event, so the average rate holds; a producer that fell further behind (the
 * queue was full) starts afresh instead of bursting to catch up.
 */
export class EmitSchedule {
  private nextMs: number;

  constructor(
    private readonly intervalMs: number,
    nowMs: number = performance.now(),
  ) {
    this.nextMs = nowMs;
  }

  /** Ms to wait before the next event (0 when it is due). */
  waitMs(nowMs: number = performance.now()): number {
    return Math.max(0, this.nextMs - nowMs);
  }

  /** The due event is being emitted: schedules the one after it. */
  advance(nowMs: number = performance.now()): void {
    this.nextMs += this.intervalMs;
    if (nowMs - this.nextMs > this.intervalMs) this.nextMs = nowMs;
  }
}
