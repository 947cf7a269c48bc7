import { describe, expect, it } from 'vitest';
import { httpBody, httpPath, httpWorkload } from '../../../../src/shared/workloads/http-get';
import type { TaskEnv } from '../../../../src/shared/workloads/types';
import { foldTasks, instantEnv } from './fold-tasks';

/** An in-memory stand-in for the loopback server: parses the path the way it does. */
const fakeServerEnv: TaskEnv = {
  ...instantEnv,
  httpGet: async (path) => {
    const url = new URL(path, 'http://x');
    const taskIndex = Number(/^\/data\/(\d+)$/.exec(url.pathname)![1]);
    return httpBody(taskIndex, Number(url.searchParams.get('bytes')));
  },
};

describe('io.http', () => {
  it('needs the loopback server', () => {
    expect(httpWorkload.needs).toEqual(['http']);
  });

  it('refuses clearly in a host without HTTP access', async () => {
    await expect(httpWorkload.runTask({}, 0, 1, instantEnv)).rejects.toThrow(/io\.http needs/);
  });

  it('asks for its task, size and latency', async () => {
    const paths: string[] = [];
    const env: TaskEnv = {
      ...instantEnv,
      httpGet: async (path) => (paths.push(path), new Uint8Array()),
    };
    await httpWorkload.runTask({ bytes: 10, latencyMs: 3 }, 4, 9, env);
    expect(paths).toEqual(['/data/4?bytes=10&latencyMs=3']);
    expect(httpPath(4, 10, 3)).toBe(paths[0]);
  });

  it('folds the bodies it receives to the reference', async () => {
    const params = { bytes: 3001, latencyMs: 0 };
    const { checksum } = await foldTasks(httpWorkload, params, 8, fakeServerEnv);
    expect(checksum).toBe(httpWorkload.reference(params, 8));
  });

  it('gives each task a distinct, reproducible body of the asked size', () => {
    expect(httpBody(1, 1001)).toHaveLength(1001);
    expect(httpBody(1, 1001)).toEqual(httpBody(1, 1001));
    expect(httpBody(1, 64)).not.toEqual(httpBody(2, 64));
    expect(httpBody(0, 0)).toHaveLength(0);
  });
});
