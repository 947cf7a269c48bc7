/**
 * The renderer's own responsiveness: how late each animation frame came. A frame that
 * arrives 200 ms after the previous one on a 60 Hz screen was 183 ms late; that lateness
 * is what a user feels as a stutter, and what renderer-main's CPU work costs.
 */
import { percentile } from '../../shared/stats/percentiles';

/** Frame-delay figures of a time window, in ms. */
export interface FrameDelaySummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One minute of frames at 60 Hz, four at 240 Hz... enough to summarise a window. */
const DEFAULT_CAPACITY = 8192;
/** Deltas outside this range are not ordinary frames and do not move the estimate. */
const MIN_NORMAL_FRAME_MS = 3;
const MAX_NORMAL_FRAME_MS = 40;

/** Records frame lateness into a ring; times are performance.now() ms. */
export class FrameDelayRecorder {
  private readonly delays: Float32Array;
  private readonly times: Float64Array;
  private recorded = 0;
  private previousMs: number | null = null;
  /**
   * The display's frame interval, learnt from ordinary frames only (an average would be
   * dragged up by the very stalls it is meant to measure).
   */
  private frameIntervalMs = 1000 / 60;

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    this.delays = new Float32Array(capacity);
    this.times = new Float64Array(capacity);
  }

  /** Records one animation frame that began at `nowMs`. */
  frame(nowMs: number): void {
    if (this.previousMs !== null) {
      const delta = nowMs - this.previousMs;
      if (delta >= MIN_NORMAL_FRAME_MS && delta <= MAX_NORMAL_FRAME_MS) {
        this.frameIntervalMs += (delta - this.frameIntervalMs) * 0.05;
      }
      const slot = this.recorded % this.capacity;
      this.delays[slot] = Math.max(0, delta - this.frameIntervalMs);
      this.times[slot] = nowMs;
      this.recorded++;
    }
    this.previousMs = nowMs;
  }

  /** Forgets the previous frame, so a hidden page's pause does not count as a stall. */
  pause(): void {
    this.previousMs = null;
  }

  /** The estimated frame interval of the display, in ms. */
  get intervalMs(): number {
    return this.frameIntervalMs;
  }

  /** How many frames ended within fromMs..toMs (none while the monitor was stopped). */
  countBetween(fromMs: number, toMs: number): number {
    let count = 0;
    const first = Math.max(0, this.recorded - this.capacity);
    for (let i = this.recorded - 1; i >= first; i--) {
      const t = this.times[i % this.capacity]!;
      if (t < fromMs) break;
      if (t <= toMs) count++;
    }
    return count;
  }

  /** Lateness of the frames that ended within fromMs..toMs; zeros when there were none. */
  summarize(fromMs: number, toMs: number): FrameDelaySummary {
    const values: number[] = [];
    const first = Math.max(0, this.recorded - this.capacity);
    for (let i = this.recorded - 1; i >= first; i--) {
      const slot = i % this.capacity;
      const t = this.times[slot]!;
      if (t < fromMs) break;
      if (t <= toMs) values.push(this.delays[slot]!);
    }
    if (values.length === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
    const sorted = Array.from(Float64Array.from(values).sort());
    return {
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1]!,
    };
  }
}

/**
 * Drives a recorder from requestAnimationFrame until stopped. Pauses while the page is
 * hidden: browsers stop animation frames then, and the gap is not the page's fault.
 */
export function startFrameMonitor(recorder: FrameDelayRecorder): () => void {
  let handle = 0;
  const onFrame = (now: number): void => {
    recorder.frame(now);
    handle = requestAnimationFrame(onFrame);
  };
  const onVisibility = (): void => {
    if (document.hidden) recorder.pause();
  };
  document.addEventListener('visibilitychange', onVisibility);
  handle = requestAnimationFrame(onFrame);
  return () => {
    cancelAnimationFrame(handle);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
