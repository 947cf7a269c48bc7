/** The CPU work a consumer does per event: rounds of the workloads' hash mixing. */
import { mix32 } from '../workloads/checksum';

/** mix32 calls per round: about a microsecond of work on a current core. */
const MIXES_PER_ROUND = 96;

/**
 * Mixes the event's value for `rounds` rounds and returns the digest; each round feeds the
 * next, so no round can be skipped. 0 rounds is a pure hand-off (the value itself).
 */
export function pipelineWork(value: number, rounds: number): number {
  let h = value >>> 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < MIXES_PER_ROUND; i++) h = mix32(h + i);
  }
  return h;
}
