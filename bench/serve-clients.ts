/**
 * `node out/bench/serve-clients.js [--clients 20] [--tasks 100000]`: browser mode's peak
 * memory while idle clients watch a large run (issue 14: 20 clients and a 100,000-task run
 * peaked at 1.2 GB when every client got its own copy of every event; goal < 300 MiB).
 *
 * The server runs in a child process of its own (the real engine and browser-mode server),
 * so its peak RSS (VmHWM) is the server's alone. The clients connect and read normally but
 * do nothing else; one more starts the run. The server reports its own longest event-loop
 * delay, and a probe client times getSamplerStats round trips (answered from memory), which
 * also counts the time the clients' own process (this one) took to read.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { builtWorkerScripts } from '../src/headless/engine-paths';
import { startBrowserServer } from '../src/headless/serve';
import { renderTable } from '../src/headless/tty';
import { createLabEngine } from '../src/main/engine/lab-engine';
import { formatBytes, formatMs } from '../src/shared/format';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    tasks: { type: 'string', default: '100000' },
    server: { type: 'boolean', default: false },
  },
});

/** Child mode: the engine and the server, with a stub page; prints the URL and waits. */
async function serveChild(): Promise<void> {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'corelab-bench-page-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const engine = createLabEngine({ workerScripts: builtWorkerScripts(), runtimes: ['node'] });
  const server = await startBrowserServer({ engine, rendererDir, log: () => undefined });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'reset') loopDelay.reset();
    if (message.type === 'report') process.send?.({ loopDelayMaxMs: loopDelay.max / 1e6 });
  });
  loopDelay.enable();
  process.send?.({ url: server.url });
  process.once('disconnect', () => {
    void server
      .close()
      .then(() => engine.close())
      .finally(() => rmSync(rendererDir, { recursive: true, force: true }));
  });
}

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc. */
function memoryOf(pid: number): { rssBytes: number; peakBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kib('VmRSS'), peakBytes: kib('VmHWM') };
}

async function main(): Promise<void> {
  const clientCount = Number(values.clients);
  const taskCount = Number(values.tasks);
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: 'inherit' });
  const url = new URL(
    await new Promise<string>((resolve) =>
      child.once('message', (message: { url: string }) => resolve(message.url)),
    ),
  );
  const socketUrl = `ws://${url.host}/lab?token=${url.searchParams.get('token') ?? ''}`;
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(socketUrl, { origin: url.origin });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });

  const idle = await Promise.all(Array.from({ length: clientCount }, open));
  let idleBytes = 0;
  for (const socket of idle) socket.on('message', (data: Buffer) => (idleBytes += data.length));
  const driver = await open();
  const probe = await open();
  const before = memoryOf(child.pid!);
  child.send({ type: 'reset' });

  // The probe's longest round trip is the longest the server's loop could not answer.
  let longestProbeMs = 0;
  let probing = true;
  const probeLoop = (async () => {
    let id = 1;
    while (probing) {
      const startMs = performance.now();
      const replyId = id++;
      await new Promise<void>((resolve) => {
        const onMessage = (data: Buffer): void => {
          const message = JSON.parse(data.toString()) as { type?: string; id?: number };
          if (message.type !== 'reply' || message.id !== replyId) return;
          probe.off('message', onMessage);
          resolve();
        };
        probe.on('message', onMessage);
        probe.send(
          JSON.stringify({ type: 'request', id: replyId, method: 'getSamplerStats', args: [] }),
        );
      });
      longestProbeMs = Math.max(longestProbeMs, performance.now() - startMs);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  let peakSampledBytes = 0;
  const sampler = setInterval(() => {
    peakSampledBytes = Math.max(peakSampledBytes, memoryOf(child.pid!).rssBytes);
  }, 50);
  const startMs = performance.now();
  const done = new Promise<void>((resolve, reject) => {
    driver.on('message', (data: Buffer) => {
      const text = data.toString();
      // Only the end of the run matters here; skip parsing the rest.
      if (!text.includes('"run-done"') && !text.includes('"run-failed"')) return;
      const message = JSON.parse(text) as { payload?: { type?: string } };
      if (message.payload?.type === 'run-done') resolve();
      else if (message.payload?.type === 'run-failed') reject(new Error(text.slice(0, 500)));
    });
  });
  driver.send(
    JSON.stringify({
      type: 'request',
      id: 1,
      method: 'startRun',
      args: [
        {
          workload: 'cpu.primes',
          params: { limit: 200_000 },
          taskCount,
          models: [{ model: 'worker-threads', workers: 2 }],
        },
      ],
    }),
  );
  await done;
  const wallMs = performance.now() - startMs;
  // Let every client finish reading the end of the run before the last look.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  probing = false;
  await probeLoop;
  clearInterval(sampler);
  const after = memoryOf(child.pid!);
  const serverLoopMs = await new Promise<number>((resolve) => {
    child.once('message', (message: { loopDelayMaxMs: number }) => resolve(message.loopDelayMaxMs));
    child.send({ type: 'report' });
  });
  for (const socket of [...idle, driver, probe]) socket.terminate();
  child.disconnect();

  const peak = Math.max(after.peakBytes, peakSampledBytes);
  process.stdout.write(
    `Browser-mode server, ${clientCount} idle clients, a ${taskCount}-task cpu.primes run ` +
      `(worker-threads ×2) (goal: peak < 300 MiB)\n` +
      `${renderTable(
        ['measure', 'value'],
        [
          ['server RSS before the run', formatBytes(before.rssBytes)],
          ['server peak RSS (VmHWM)', formatBytes(peak)],
          ['run wall time (start to run-done)', formatMs(wallMs)],
          ["server's longest event-loop delay", formatMs(serverLoopMs)],
          ['longest probe round trip', formatMs(longestProbeMs)],
          ['data each idle client read', formatBytes(idleBytes / clientCount)],
        ],
      )}\n` +
      `${peak < 300 * 1024 * 1024 ? 'within' : 'OVER'} the 300 MiB goal\n`,
  );
}

if (values.server) await serveChild();
else await main();
