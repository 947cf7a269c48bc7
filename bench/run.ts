/**
 * `npm run bench`: the engine's speed figures, printed as tables and written as JSON.
 * Ratios are measured side by side in one run, so a noisy machine moves both sides.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLabEngine } from '../src/main/engine/lab-engine';
import { getHostInfo } from '../src/main/engine/host-info';
import { formatMs, formatPercent, formatRate, formatSpeedup } from '../src/shared/format';
import type { ModelId } from '../src/shared/models';
import { renderTable } from '../src/headless/tty';
import { builtWorkerScripts } from '../src/headless/engine-paths';
import { measureDispatch } from './dispatch';
import { measureSamplerCost } from './sampler-cost';
import { measureSignalExit } from './signal-exit';

const cores = availableParallelism();
const scripts = builtWorkerScripts();
const engine = createLabEngine({ workerScripts: scripts, runtimes: ['node'] });
const report: Record<string, unknown> = {
  host: await getHostInfo(),
  date: new Date().toISOString(),
};
const print = (title: string, text: string): void =>
  void process.stdout.write(`\n${title}\n${text}\n`);

// 1. CPU scaling of the parallel models on cpu.primes, N = 1..cores.
const scaling: Record<string, unknown> = {};
for (const model of ['worker-threads', 'child-process'] as const) {
  const sweep = await engine.sweep({ workload: 'cpu.primes', model, maxWorkers: cores });
  scaling[model] = sweep.points;
  print(
    `CPU scaling: ${model} on cpu.primes (goal: efficiency ≥ 0.9 at N = ${cores})`,
    renderTable(
      ['workers', 'wall', 'speedup', 'efficiency'],
      sweep.points.map((p) => [
        String(p.workers),
        formatMs(p.wallMs),
        formatSpeedup(p.speedup),
        formatPercent(p.efficiency),
      ]),
    ),
  );
}
report.scaling = scaling;

// 2. The lesson on this machine: parallel models against the event loop at 2 workers.
const models: ModelId[] = ['event-loop', 'worker-threads', 'child-process'];
const comparison = await engine.run({
  workload: 'cpu.primes',
  models: models.map((model) => ({ model, workers: 2 })),
});
const eventLoopMs = comparison.results[0]!.wallMs;
report.comparison = comparison.results.map((r) => ({
  model: r.model,
  workers: r.workers,
  wallMs: r.wallMs,
  startupMs: r.startupMs,
  verified: r.verified,
  vsEventLoop: eventLoopMs / r.wallMs,
}));
print(
  'cpu.primes, 2 workers each (default size)',
  renderTable(
    ['model', 'wall', 'start-up', 'vs event loop', 'verified'],
    comparison.results.map((r) => [
      r.model,
      formatMs(r.wallMs),
      formatMs(r.startupMs),
      formatSpeedup(eventLoopMs / r.wallMs),
      r.verified ? '✓' : '✗',
    ]),
  ),
);

// 3. Start-up cost per model at N = cores.
const startup = await engine.run({
  workload: 'io.sleep',
  params: { latencyMs: 0 },
  taskCount: cores,
  models: models.map((model) => ({ model, workers: cores })),
});
report.startup = startup.results.map((r) => ({
  model: r.model,
  workers: r.workers,
  startupMs: r.startupMs,
}));
print(
  `Start-up of ${cores} workers`,
  renderTable(
    ['model', 'start-up'],
    startup.results.map((r) => [r.model, formatMs(r.startupMs)]),
  ),
);
await engine.close();

// 4. Dispatch of tiny tasks against piscina and tinypool.
const dispatch = await measureDispatch({
  threads: cores,
  tasks: 50_000,
  workerThreadScript: scripts.workerThread,
  poolTaskScript: fileURLToPath(new URL('./pool-task.js', import.meta.url)),
});
report.dispatch = dispatch;
print(
  `Tiny-task dispatch, ${dispatch.threads} threads, ${dispatch.tasks} tasks (goal: ≥ 2× piscina)`,
  renderTable(
    ['pool', 'throughput', 'Corelab ÷ pool'],
    [
      ['corelab worker-threads', formatRate(dispatch.corelabTasksPerSec), '—'],
      ['piscina', formatRate(dispatch.piscinaTasksPerSec), formatSpeedup(dispatch.ratioVsPiscina)],
      [
        'tinypool',
        formatRate(dispatch.tinypoolTasksPerSec),
        formatSpeedup(dispatch.ratioVsTinypool),
      ],
    ],
  ),
);

// 5. The sampler's own cost at 10 Hz, against systeminformation on the main loop.
const sampler = await measureSamplerCost({
  hz: 10,
  durationMs: 5000,
  scriptPath: scripts.samplerThread,
});
report.sampler = sampler;
print(
  'Core sampler at 10 Hz (goal: < 1% of one core, main-loop p99 delay + ≤ 2 ms)',
  renderTable(
    ['sampler', 'CPU (of one core)', 'main p99 delay', 'p99 increase'],
    [
      [
        'corelab (thread, /proc/stat)',
        formatPercent(sampler.cpuFractionOfOneCore, 2),
        formatMs(sampler.mainLoopP99DelayMsOn),
        formatMs(sampler.deltaP99Ms),
      ],
      ...(sampler.naiveSiCurrentLoad
        ? [
            [
              'si.currentLoad() on main loop',
              formatPercent(sampler.naiveSiCurrentLoad.cpuFractionOfOneCore, 2),
              formatMs(sampler.naiveSiCurrentLoad.mainLoopP99DelayMs),
              formatMs(sampler.naiveSiCurrentLoad.deltaP99Ms),
            ],
          ]
        : []),
    ],
  ),
);

// 6. From SIGTERM / SIGINT to exit while the CLI computes a reference checksum.
const cliPath = fileURLToPath(new URL('../headless/cli.js', import.meta.url));
const signalExits = [];
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  signalExits.push(await measureSignalExit({ cliPath, signal, rounds: 3 }));
}
report.signalExit = signalExits;
print(
  'From signal to exit during the reference phase, 3 rounds (goal: < 1 s; exit 143 / 130)',
  renderTable(
    ['signal', 'median', 'min … max', 'exit codes'],
    signalExits.map(({ signal, exitMs, exitCodes }) => {
      const sorted = [...exitMs].sort((a, b) => a - b);
      return [
        signal,
        formatMs(sorted[Math.floor(sorted.length / 2)]!),
        `${formatMs(sorted[0]!)} … ${formatMs(sorted.at(-1)!)}`,
        exitCodes.join(', '),
      ];
    }),
  ),
);

const outDir = fileURLToPath(new URL('../../bench-results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const file = `${outDir}bench-${cores}cores.json`;
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nWrote ${file}\n`);
