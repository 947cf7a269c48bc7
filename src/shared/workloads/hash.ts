/** cpu.hash: rounds of a pure-JS hash over a per-task buffer. */
import { foldTaskChecksum, mix32 } from './checksum';
import { intParam, paramValue } from './params';
import { deterministicBytes } from './prng';
import type { WorkloadDefinition, WorkloadParams } from './types';

const BUFFER_BYTES = intParam(
  'bufferBytes',
  'Buffer size',
  { min: 1024, max: 16 * 1024 * 1024, default: 64 * 1024 },
  'bytes',
);
const ROUNDS = intParam('rounds', 'Hash rounds per task', { min: 1, max: 100_000, default: 300 });

/** One round: FNV-1a over the buffer, its offset basis perturbed by the previous digest. */
function hashRound(buffer: Uint8Array, previousDigest: number): number {
  let h = (0x811c9dc5 ^ previousDigest) >>> 0;
  for (let i = 0; i < buffer.length; i++) {
    h ^= buffer[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * Hashes task `taskIndex`'s buffer `rounds` times, chaining each digest into the next
 * round so no round can be skipped. Shared by cpu.hash and mixed.
 */
export function chainedHash(taskIndex: number, bufferBytes: number, rounds: number): number {
  const buffer = deterministicBytes(mix32(taskIndex + 1), bufferBytes);
  let digest = taskIndex >>> 0;
  for (let r = 0; r < rounds; r++) digest = hashRound(buffer, digest);
  return digest;
}

/** cpu.hash with the given params, task by task. */
function runHashTask(params: WorkloadParams, taskIndex: number): number {
  return chainedHash(taskIndex, paramValue(params, BUFFER_BYTES), paramValue(params, ROUNDS));
}

/** cpu.hash: each task's checksum is its buffer's final chained digest. */
export const hashWorkload: WorkloadDefinition = {
  id: 'cpu.hash',
  label: 'Hash rounds',
  kind: 'cpu',
  description: 'Hashes a deterministic buffer for a number of chained FNV-1a rounds.',
  params: [BUFFER_BYTES, ROUNDS],
  defaultTasks: 100,
  sizing: { by: 'tasks' },
  needs: [],
  runTask: runHashTask,
  reference(params, taskCount) {
    // A chained hash has no shortcut: the reference is the kernel itself, run sequentially
    // on one thread, so it still catches a model that loses, repeats or mixes up tasks.
    let acc = 0;
    for (let i = 0; i < taskCount; i++) acc = foldTaskChecksum(acc, i, runHashTask(params, i));
    return acc;
  },
};
