import { describe, expect, it } from 'vitest';
import { chainedHash, hashWorkload } from '../../../../src/shared/workloads/hash';
import { foldTasks, isUint32 } from './fold-tasks';

describe('cpu.hash', () => {
  const params = { bufferBytes: 4096, rounds: 5 };

  it('folds its tasks to the sequential reference', async () => {
    const { checksum, tasks } = await foldTasks(hashWorkload, params, 12);
    expect(checksum).toBe(hashWorkload.reference(params, 12));
    expect(tasks.every(isUint32)).toBe(true);
  });

  it('gives every task its own digest', async () => {
    const { tasks } = await foldTasks(hashWorkload, params, 12);
    expect(new Set(tasks).size).toBe(12);
  });

  it('chains rounds, so every round changes the digest', () => {
    const digests = [1, 2, 3, 4].map((rounds) => chainedHash(0, 1024, rounds));
    expect(new Set(digests).size).toBe(4);
  });

  it('is deterministic', () => {
    expect(chainedHash(7, 2048, 3)).toBe(chainedHash(7, 2048, 3));
  });
});
