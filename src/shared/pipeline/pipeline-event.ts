/** What a producer emits, and the seeded random walk its values follow. */
import { mix32 } from '../workloads/checksum';

/** One event on its way from a producer to a consumer. */
export interface PipelineEvent {
  /** Index of the producer that emitted it (0-based). */
  producer: number;
  /** Its position in that producer's stream: 0, 1, 2, … with no gaps. */
  seq: number;
  /** The random walk's value, 0..255. */
  value: number;
  /** When the producer emitted it (epoch ms, comparable across threads and processes). */
  sendEpochMs: number;
}

/** Largest step of the walk in either direction. */
export const WALK_STEP_MAX = 10;
export const WALK_MIN = 0;
export const WALK_MAX = 255;

/** A producer's stream of values: each within ±10 of the last, clamped to 0..255. */
export interface RandomWalk {
  next(): number;
}

/**
 * The walk of producer `producer` under `seed`: a mulberry32 stream seeded from both, so
 * every producer has its own reproducible walk.
 */
export function createRandomWalk(seed: number, producer: number): RandomWalk {
  let state = mix32((seed ^ Math.imul(producer + 1, 0x9e3779b1)) >>> 0) | 0;
  const nextWord = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  let value = nextWord() % (WALK_MAX + 1);
  let isFirst = true;
  return {
    next() {
      if (isFirst) {
        isFirst = false;
        return value;
      }
      const step = (nextWord() % (2 * WALK_STEP_MAX + 1)) - WALK_STEP_MAX;
      value = Math.min(WALK_MAX, Math.max(WALK_MIN, value + step));
      return value;
    },
  };
}
