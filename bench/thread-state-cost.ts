/**
 * `node out/bench/thread-state-cost.js [--workers 16] [--hz 10] [--seconds 10]`: what the
 * thread-state reads add to the core sampler's thread (issue 17: goal < 1 % of one core at
 * 10 Hz with 16 workers; the thread reads stay within the sampler's budget for them, so the
 * readings per thread show how often they fit). The sampler thread's own CPU time (/proc/thread-self/schedstat) is
 * taken over a window with the workers' threads watched, then over one without, same rate.
 */
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { builtWorkerScripts } from '../src/headless/engine-paths';
import { requiredHost } from '../src/main/engine/worker-hosts';
import { renderTable } from '../src/headless/tty';
import { createCoreSampler, type CoreSampler } from '../src/main/engine/core-sampler';
import { formatPercent } from '../src/shared/format';

/** A worker thread that only says its OS thread id and then sleeps on a lock, as a blocked worker. */
const SLEEPER = `
const { parentPort } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
parentPort.postMessage(Number(readlinkSync('/proc/thread-self').split('/').pop()));
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
`;

async function startSleepers(count: number): Promise<{ tids: number[]; workers: Worker[] }> {
  const workers = Array.from({ length: count }, () => new Worker(SLEEPER, { eval: true }));
  const tids = await Promise.all(
    workers.map((w) => new Promise<number>((resolve) => w.once('message', resolve))),
  );
  return { tids, workers };
}

/** The sampler thread's CPU over a window at `hz`, as a fraction of one core. */
async function samplerCpu(sampler: CoreSampler, hz: number, seconds: number): Promise<number> {
  sampler.setHz(hz); // restarts the thread's own cost accounting
  await sleep(seconds * 1000);
  return sampler.stats().cpuFractionOfOneCore;
}

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '16' },
    hz: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const workerCount = Number(values.workers);
const hz = Number(values.hz);
const seconds = Number(values.seconds);
if (process.platform !== 'linux') throw new Error('thread states are read from Linux /proc only');

const { tids, workers } = await startSleepers(workerCount);
const sampler = createCoreSampler({
  scriptPath: requiredHost(builtWorkerScripts(), 'sampler-thread'),
  hz,
});
await sampler.start();
// Warm the thread up first: its start-up is not a per-sample cost.
await sleep(1000);
const off = await samplerCpu(sampler, hz, seconds);
const watch = sampler.watchThreads('worker-threads');
tids.forEach((tid, worker) => watch.add(worker, { pid: process.pid, tid }));
// Again a warm-up: the first reads compile the reading code, once per thread's life.
await sleep(1000);
const on = await samplerCpu(sampler, hz, seconds);
const threads = await watch.finish();
const readings = threads.reduce((sum, t) => sum + t.readings.length, 0);
await sampler.stop();
for (const worker of workers) await worker.terminate();

const result = {
  workers: workerCount,
  hz,
  seconds,
  samplerCpuOff: off,
  samplerCpuOn: on,
  statesCost: on - off,
  readingsPerThread: readings / workerCount,
};
if (values.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(
    renderTable(
      [`sampler thread at ${hz} Hz`, 'CPU (of one core)'],
      [
        ['cores only', formatPercent(off, 2)],
        [`cores + ${workerCount} worker threads' states (goal < 1 %)`, formatPercent(on, 2)],
        ['states alone', formatPercent(on - off, 2)],
      ],
    ),
  );
  console.log(
    `${result.readingsPerThread.toFixed(0)} state readings per thread in ${seconds} s (at most ${hz * seconds})`,
  );
}
