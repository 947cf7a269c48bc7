/**
 * `npm run bench`: the engine's speed figures, printed as tables and written as JSON.
 * Ratios are measured side by side in one run, so a noisy machine moves both sides.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLabEngine } from '../src/main/engine/lab-engine';
import { requiredHost } from '../src/main/engine/worker-hosts';
import { getHostInfo } from '../src/main/engine/host-info';
import { formatMs, formatPercent, formatRate, formatSpeedup } from '../src/shared/format';
import type { ModelId } from '../src/shared/models';
import { renderTable } from '../src/headless/tty';
import { builtWorkerScripts } from '../src/headless/engine-paths';
import { measureDispatch } from './dispatch';
import { measureSamplerCost } from './sampler-cost';
import { meanCoreMhz, readThreads, threadCpuBetween, watchThreads } from './engine-threads';
import type { ModelResult } from '../src/shared/results';
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

// 1. CPU scaling of the parallel models on cpu.primes, N = 1..cores: 3 rounds per point, the
// limit calibrated so that T(1) lasts about 4 s, 32 tasks per worker at the most workers.
const scaling: Record<string, unknown> = {};
const sweeps = new Map<string, Awaited<ReturnType<typeof engine.sweep>>>();
for (const model of ['worker-threads', 'child-process'] as const) {
  const sweep = await engine.sweep({
    workload: 'cpu.primes',
    model,
    maxWorkers: cores,
    taskCount: 32 * cores,
    rounds: 3,
    targetS: 4,
  });
  sweeps.set(model, sweep);
  scaling[model] = {
    points: sweep.points,
    interference: sweep.interference,
    estimate: sweep.estimate,
  };
  print(
    `CPU scaling: ${model} on cpu.primes, limit ${sweep.config.params?.limit}, ` +
      `${sweep.config.taskCount} tasks, 3 rounds (goal: efficiency ≥ 0.9 at N = ${cores})`,
    renderTable(
      ['workers', 'wall (median)', 'min–max', 'start-up', 'speedup', 'efficiency', 'flagged'],
      sweep.points.map((p, i) => {
        const result = sweep.results[i]!;
        return [
          String(p.workers),
          formatMs(p.wallMs),
          `${formatMs(p.wallMsMin)}–${formatMs(p.wallMsMax)}`,
          formatMs(result.startupMs),
          formatSpeedup(p.speedup),
          formatPercent(p.efficiency),
          result.interference?.flagged ? (result.interference.reasons[0] ?? 'yes') : '',
        ];
      }),
    ),
  );
}
report.scaling = scaling;

// 1b. Where a scaling loss comes from, at N = 1 and N = cores: each task's own time (a slower
// core or contention makes it grow), how busy workers were (dispatch gaps lower it), and the
// tail (the last worker finishing after the first went idle).
/** From the first worker's last task end to the last one's, ms: the run's straggling tail. */
function tailMs(result: ModelResult): number {
  const lastEnds = new Map<number, number>();
  for (const e of result.timeline) {
    lastEnds.set(e.worker, Math.max(lastEnds.get(e.worker) ?? 0, e.endMs));
  }
  const ends = [...lastEnds.values()];
  return ends.length > 0 ? Math.max(...ends) - Math.min(...ends) : 0;
}
const diagnosis: Record<string, unknown>[] = [];
for (const [model, sweep] of sweeps) {
  const one = sweep.results.find((r) => r.workers === 1)!;
  for (const result of [one, sweep.results.find((r) => r.workers === cores)!]) {
    const busy = result.workerBusyFraction;
    diagnosis.push({
      model,
      workers: result.workers,
      meanTaskMs: result.latency.meanMs,
      taskSlowdown: result.latency.meanMs / one.latency.meanMs,
      meanBusy: busy.reduce((a, b) => a + b, 0) / Math.max(busy.length, 1),
      tailMs: tailMs(result),
      wallMs: result.wallMs,
      startupMs: result.startupMs,
    });
  }
}
report.scalingDiagnosis = diagnosis;
print(
  `Scaling loss, N = 1 against N = ${cores}: task time, worker busy share, straggling tail`,
  renderTable(
    ['model', 'N', 'mean task', 'task ÷ N=1', 'busy', 'tail', 'wall', 'start-up'],
    diagnosis.map((d) => [
      String(d.model),
      String(d.workers),
      formatMs(d.meanTaskMs as number),
      formatSpeedup(d.taskSlowdown as number),
      formatPercent(d.meanBusy as number),
      formatMs(d.tailMs as number),
      formatMs(d.wallMs as number),
      formatMs(d.startupMs as number),
    ]),
  ),
);

// 1c. The engine's own threads and the cores' clock during one run of each model at N = cores.
const threadUse: Record<string, unknown> = {};
for (const [model, sweep] of sweeps) {
  const idleMhz = meanCoreMhz();
  const mhz: number[] = [];
  const clock = setInterval(() => {
    const value = meanCoreMhz();
    if (value !== null) mhz.push(value);
  }, 250);
  const before = readThreads();
  const stopWatching = watchThreads();
  const run = await engine.run({
    workload: 'cpu.primes',
    params: sweep.config.params,
    taskCount: sweep.config.taskCount,
    models: [{ model, workers: cores }],
  });
  const groups = threadCpuBetween(before, stopWatching());
  clearInterval(clock);
  const result = run.results[0]!;
  const lifeMs = result.wallMs + result.startupMs;
  threadUse[model] = { groups, idleMhz, runMhz: mhz, wallMs: result.wallMs };
  print(
    `Engine threads during ${model} at N = ${cores} (wall ${formatMs(result.wallMs)}; ` +
      `mean core clock ${idleMhz?.toFixed(0) ?? '?'} MHz idle, ` +
      `${mhz.length > 0 ? (mhz.reduce((a, b) => a + b, 0) / mhz.length).toFixed(0) : '?'} MHz in the run)`,
    renderTable(
      ['thread', 'count', 'CPU', 'cores over the run'],
      groups
        .filter((g) => g.cpuMs > 0)
        .map((g) => [g.name, String(g.threads), formatMs(g.cpuMs), (g.cpuMs / lifeMs).toFixed(2)]),
    ),
  );
}
report.threadUse = threadUse;

// 2. The lesson on this machine: parallel models against the event loop at 2 workers.
const models: ModelId[] = ['event-loop', 'worker-threads', 'child-process'];
const comparison = await engine.run({
  workload: 'cpu.primes',
  models: models.map((model) => ({ model, workers: 2 })),
  rounds: 3,
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
  `cpu.primes, 2 workers each (calibrated size, 3 rounds)\n${comparison.verdict ?? ''}`,
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
  workerThreadScript: requiredHost(scripts, 'worker-thread'),
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
  scriptPath: requiredHost(scripts, 'sampler-thread'),
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
