/** The task environment of every Node-side host: timers, the run's temp folder, its HTTP server. */
import { open, readFile, unlink } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LabError } from '../shared/errors';
import type { IoConfig } from '../shared/protocol';
import type { TaskEnv } from '../shared/workloads/types';

// A plain file name: no separators, no '.' or '..', nothing that could leave the folder.
const PLAIN_FILE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/;

/** Writes `data` to `tempDir/name`, fsyncs, reads it back, deletes it; returns what was read. */
async function fileRoundTrip(tempDir: string, name: string, data: Uint8Array): Promise<Uint8Array> {
  if (!PLAIN_FILE_NAME.test(name)) {
    throw new LabError(
      'invalid-argument',
      `file name must be a plain file name, got ${JSON.stringify(name)}`,
    );
  }
  const path = join(tempDir, name);
  try {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
      // fsync is the point of the workload: the bytes must reach the disk, not just the cache.
      await handle.sync();
    } finally {
      await handle.close();
    }
    const read = await readFile(path);
    return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  } finally {
    await unlink(path).catch(() => {
      // Nothing to delete when open failed; the run's temp folder is removed afterwards anyway.
    });
  }
}

/** GETs `baseUrl + path` over a keep-alive agent and resolves with the body; non-200 rejects. */
function httpGet(agent: Agent, baseUrl: string, path: string): Promise<Uint8Array> {
  if (!path.startsWith('/')) {
    return Promise.reject(new LabError('invalid-argument', `path must start with /, got ${path}`));
  }
  return new Promise((resolve, reject) => {
    const request = get(`${baseUrl}${path}`, { agent }, (response) => {
      if (response.statusCode !== 200) {
        // Drain the body so the keep-alive socket can be reused.
        response.resume();
        reject(new LabError('io', `GET ${path} answered HTTP ${response.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
      });
    });
    request.on('error', (error) =>
      reject(new LabError('io', `GET ${path} failed: ${error.message}`, { cause: error })),
    );
  });
}

/**
 * What only a worker with a thread or process of its own may offer a task: to exit, and a
 * heap limit of its own. The event loop (the engine's thread) offers neither.
 */
export type IsolatedWorkerFacilities = Pick<TaskEnv, 'exitWorker' | 'memoryLimitMb'>;

/** Builds a Node host's TaskEnv; file and HTTP access exist only when the run provides them. */
export function createNodeTaskEnv(io: IoConfig, isolated: IsolatedWorkerFacilities = {}): TaskEnv {
  const env: TaskEnv = { sleep: (ms) => delay(ms), ...isolated };
  const { tempDir, httpBaseUrl } = io;
  if (tempDir !== undefined) env.fileRoundTrip = (name, data) => fileRoundTrip(tempDir, name, data);
  if (httpBaseUrl !== undefined) {
    // Keep-alive: a task measures the request, not a TCP handshake per task. Idle sockets
    // are unref'd by the agent, so they never keep a process alive.
    const agent = new Agent({ keepAlive: true });
    env.httpGet = (path) => httpGet(agent, httpBaseUrl, path);
  }
  return env;
}
