import { describe, expect, it } from 'vitest';
import { fileWorkload } from '../../../../src/shared/workloads/file';
import type { TaskEnv } from '../../../../src/shared/workloads/types';
import { foldTasks, instantEnv } from './fold-tasks';

/** A file system that returns what was written, recording the names used. */
function echoEnv(names: string[] = []): TaskEnv {
  return { ...instantEnv, fileRoundTrip: async (name, data) => (names.push(name), data.slice()) };
}

describe('io.file', () => {
  it('needs file access', () => {
    expect(fileWorkload.needs).toEqual(['file']);
  });

  it('refuses clearly in a host without file access', async () => {
    await expect(fileWorkload.runTask({}, 0, 1, instantEnv)).rejects.toThrow(
      'io.file needs file access, which this host does not provide',
    );
  });

  it('writes `bytes` bytes under a distinct plain name per task', async () => {
    const names: string[] = [];
    const sizes: number[] = [];
    const env: TaskEnv = {
      ...instantEnv,
      fileRoundTrip: async (name, data) => (names.push(name), sizes.push(data.length), data),
    };
    await foldTasks(fileWorkload, { bytes: 1000 }, 3, env);
    expect(sizes).toEqual([1000, 1000, 1000]);
    expect(new Set(names).size).toBe(3);
    expect(names.every((name) => /^[\w.-]+$/.test(name))).toBe(true);
  });

  it('folds what was read back to the reference', async () => {
    const { checksum } = await foldTasks(fileWorkload, { bytes: 4097 }, 6, echoEnv());
    expect(checksum).toBe(fileWorkload.reference({ bytes: 4097 }, 6));
  });

  it('catches a read-back that differs from what was written', async () => {
    const corrupting: TaskEnv = {
      ...instantEnv,
      fileRoundTrip: async (_name, data) => data.map((byte, i) => (i === 5 ? byte ^ 1 : byte)),
    };
    const { checksum } = await foldTasks(fileWorkload, { bytes: 64 }, 2, corrupting);
    expect(checksum).not.toBe(fileWorkload.reference({ bytes: 64 }, 2));
  });
});
