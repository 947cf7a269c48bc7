import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startIoResources, type IoResources } from '../../../src/main/engine/io-resources';
import { foldTaskChecksum } from '../../../src/shared/workloads/checksum';
import { httpBody } from '../../../src/shared/workloads/http-get';
import { getWorkload } from '../../../src/shared/workloads/registry';
import { createNodeTaskEnv } from '../../../src/workers/node-task-env';

describe('createNodeTaskEnv', () => {
  let resources: IoResources;
  beforeEach(async () => {
    resources = await startIoResources(['file', 'http']);
  });
  afterEach(async () => {
    await resources.close();
  });

  it('offers neither files nor HTTP when the run provides neither', () => {
    const env = createNodeTaskEnv({});
    expect(env.fileRoundTrip).toBeUndefined();
    expect(env.httpGet).toBeUndefined();
  });

  it('sleeps on a real timer', async () => {
    const startedMs = performance.now();
    await createNodeTaskEnv({}).sleep(40);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(35);
  });

  it('round-trips bytes through a real file and deletes it', async () => {
    const env = createNodeTaskEnv(resources.io);
    const data = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 31) & 0xff);
    expect(await env.fileRoundTrip!('task-1.bin', data)).toEqual(data);
    expect(readdirSync(resources.io.tempDir!)).toEqual([]);
  });

  it.each(['../escape.bin', 'a/b.bin', 'a\\b.bin', '..', '.', '', '/etc/passwd'])(
    'refuses the file name %j',
    async (name) => {
      const env = createNodeTaskEnv(resources.io);
      await expect(env.fileRoundTrip!(name, new Uint8Array(1))).rejects.toThrow(/plain file name/);
    },
  );

  it('GETs a body from the loopback server', async () => {
    const env = createNodeTaskEnv(resources.io);
    expect(await env.httpGet!('/data/3?bytes=100000')).toEqual(httpBody(3, 100_000));
  });

  it('rejects an answer other than 200', async () => {
    const env = createNodeTaskEnv(resources.io);
    await expect(env.httpGet!('/nothing')).rejects.toThrow('GET /nothing answered HTTP 404');
    // The socket of the failed request is drained and reused, not stuck.
    expect(await env.httpGet!('/data/0?bytes=3')).toEqual(httpBody(0, 3));
  });

  it('rejects when the server is gone', async () => {
    const env = createNodeTaskEnv(resources.io);
    await resources.close();
    await expect(env.httpGet!('/data/0?bytes=1')).rejects.toThrow(/GET \/data\/0\?bytes=1 failed/);
  });

  it.each(['io.file', 'io.http'])(
    'runs %s concurrently against the real resources and matches its reference',
    async (id) => {
      const workload = getWorkload(id);
      const params = { bytes: 20_000 };
      const env = createNodeTaskEnv(resources.io);
      const taskCount = 12;
      const checksums = await Promise.all(
        Array.from({ length: taskCount }, (_, i) => workload.runTask(params, i, taskCount, env)),
      );
      const checksum = checksums.reduce((acc, task, i) => foldTaskChecksum(acc, i, task), 0);
      expect(checksum).toBe(workload.reference(params, taskCount));
      expect(readdirSync(resources.io.tempDir!)).toEqual([]);
    },
  );
});
