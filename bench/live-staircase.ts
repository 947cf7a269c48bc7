/**
 * `node out/bench/live-staircase.js` (after `npm run build:headless`): live mode's two goals
 * (issue 16). (1) A staircase sweep ramps one warm pool through 1..K workers in one run; its
 * throughput at each N should agree within 10 % with a fresh, warm live run at that N.
 * (2) A resize takes effect (first task started on the new worker) within 100 ms for threads
 * and 300 ms for processes: grows from 1 to 2 workers, repeated, median and max reported.
 * Writes bench-results/live-staircase-<N>cores.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createLabEngine, type LabEngine } from '../src/main/engine/lab-engine';
import type { LiveConfig, LiveResult } from '../src/shared/live/live-schema';
import { formatCount, formatSignificant } from '../src/shared/format';
import { percentile } from '../src/shared/stats/percentiles';
import { renderTable } from '../src/headless/tty';
import { builtWorkerScripts } from '../src/headless/engine-paths';

type BenchModel = 'worker-threads' | 'child-process';
const MODELS: readonly BenchModel[] = ['worker-threads', 'child-process'];
const TASK_US = 2000;
const STEP_S = 3;
const GROWS = 7;
const RESIZE_GOAL_MS: Record<BenchModel, number> = { 'worker-threads': 100, 'child-process': 300 };
const AGREEMENT_GOAL = 0.1;

const maxWorkers = Math.max(2, availableParallelism());
const engine = createLabEngine({
  workerScripts: builtWorkerScripts(),
  runtimes: ['node'],
  maxWorkers,
});

/** Runs a live config to its end and returns its result. */
async function live(lab: LabEngine, config: LiveConfig): Promise<LiveResult> {
  const run = await lab.live(config, { signal: new AbortController().signal, onEvent: () => {} });
  return run.result;
}

/** Throughput at each N: the staircase's step, and a fresh warm run's only step. */
async function staircase(model: BenchModel) {
  const stairs = await live(engine, {
    workload: 'cpu.primes',
    models: [{ model, workers: 1 }],
    taskUs: TASK_US,
    ramp: { from: 1, to: maxWorkers, stepS: STEP_S },
  });
  const points = [];
  for (const step of stairs.models[0]!.steps) {
    const fresh = await live(engine, {
      workload: 'cpu.primes',
      models: [{ model, workers: step.workers }],
      taskUs: TASK_US,
      durationS: STEP_S,
    });
    const freshPerSec = fresh.models[0]!.steps[0]!.tasksPerSec;
    points.push({
      workers: step.workers,
      staircasePerSec: step.tasksPerSec,
      freshPerSec,
      ratio: step.tasksPerSec / freshPerSec,
    });
  }
  return { points, checksumVerified: stairs.models[0]!.checksumVerified };
}

/** Grows 1 → 2 workers GROWS times in one live run: ms from the ask to the first task on it. */
async function resizeLatency(model: BenchModel) {
  const run = await engine.live(
    { workload: 'cpu.primes', models: [{ model, workers: 1 }], taskUs: TASK_US },
    { signal: new AbortController().signal, onEvent: () => {} },
  );
  // Let the pool start and calibrate before the first resize.
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 0; i < GROWS; i++) {
    await resizeAndWait(run, model, 2);
    await resizeAndWait(run, model, 1);
  }
  await run.stop();
  const result = await run.result;
  const grows = result.models[0]!.resizes.filter((r) => r.to > r.from);
  const latencies = grows.map((r) => r.firstTaskAtMs! - r.atMs).sort((a, b) => a - b);
  return { latencies, medianMs: percentile(latencies, 50), maxMs: latencies.at(-1)! };
}

/** Asks for `workers`, waits until it took effect, then lets the pool settle a moment. */
async function resizeAndWait(
  run: Awaited<ReturnType<LabEngine['live']>>,
  model: BenchModel,
  workers: number,
) {
  await run.setWorkers(model, workers);
  await new Promise((r) => setTimeout(r, 300));
}

const report: Record<string, unknown> = { cores: availableParallelism(), taskUs: TASK_US };
try {
  for (const model of MODELS) {
    const { points, checksumVerified } = await staircase(model);
    const resize = await resizeLatency(model);
    report[model] = { points, checksumVerified, resize };
    process.stdout.write(
      `\n${model}: staircase 1..${maxWorkers} (${STEP_S} s a step, ~${TASK_US} µs tasks) vs a fresh warm run at each N\n`,
    );
    process.stdout.write(
      `${renderTable(
        ['workers', 'staircase/s', 'fresh/s', 'ratio', `within ${AGREEMENT_GOAL * 100} %`],
        points.map((p) => [
          String(p.workers),
          formatCount(Math.round(p.staircasePerSec)),
          formatCount(Math.round(p.freshPerSec)),
          formatSignificant(p.ratio, 3),
          Math.abs(1 - p.ratio) <= AGREEMENT_GOAL ? 'yes' : 'NO',
        ]),
      )}\n`,
    );
    process.stdout.write(
      `Checksums: ${checksumVerified === true ? 'all verified' : String(checksumVerified)}\n` +
        `Resize 1 → 2 (${resize.latencies.length} grows): median ${formatSignificant(resize.medianMs, 3)} ms, ` +
        `max ${formatSignificant(resize.maxMs, 3)} ms; goal < ${RESIZE_GOAL_MS[model]} ms: ` +
        `${resize.medianMs < RESIZE_GOAL_MS[model] ? 'met (median)' : 'NOT met'}\n`,
    );
  }
} finally {
  await engine.close();
}
const outDir = 'bench-results';
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `live-staircase-${availableParallelism()}cores.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nWrote ${file}\n`);
