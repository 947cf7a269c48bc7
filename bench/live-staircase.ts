/**
 * `node out/bench/live-staircase.js` (after `npm run build:headless`): live mode's two goals
 * (issue 16). (1) A staircase sweep ramps one warm pool through 1..K workers in one run; its
 * throughput at each N should agree within 10 % with a fresh, warm live run at that N.
 * Three rounds (CORELAB_BENCH_ROUNDS), the order of staircase and fresh runs alternating;
 * medians with the rounds' min–max, and "within noise" where the two ranges overlap.
 * (2) A resize takes effect (first task started on the new worker) within 100 ms for threads
 * and 300 ms for processes: grows from 1 to 2 workers (the pool's warm standby joins), and
 * from 1 to 3 (the standby plus one started cold, so the figure is a spawn's), repeated.
 * Writes bench-results/live-staircase-<N>cores.json.
 *
 * `--models a,b` picks the models (default worker-threads,child-process; the Python models
 * take part too, through their live host), and `--resize-only` measures (2) alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLabEngine, type LabEngine } from '../src/main/engine/lab-engine';
import type { LiveConfig, LiveResult } from '../src/shared/live/live-schema';
import { formatCount, formatSignificant } from '../src/shared/format';
import { percentile } from '../src/shared/stats/percentiles';
import { renderTable } from '../src/headless/tty';
import { builtWorkerScripts } from '../src/headless/engine-paths';

/** The resize goal of each model the bench takes: threads 100 ms, processes 300 ms. */
const RESIZE_GOAL_MS = {
  'worker-threads': 100,
  'child-process': 300,
  'python-threading': 100,
  'python-multiprocessing': 300,
} as const;
type BenchModel = keyof typeof RESIZE_GOAL_MS;
const TASK_US = 2000;
const STEP_S = 3;
const GROWS = 5;
const ROUNDS = Number(process.env.CORELAB_BENCH_ROUNDS ?? 3);
const AGREEMENT_GOAL = 0.1;

const { values: flags } = parseArgs({
  options: {
    models: { type: 'string', default: 'worker-threads,child-process' },
    'resize-only': { type: 'boolean', default: false },
  },
});
const MODELS = flags.models.split(',').map((name) => {
  if (!(name in RESIZE_GOAL_MS)) {
    throw new Error(`--models: ${name} is not one of ${Object.keys(RESIZE_GOAL_MS).join(', ')}`);
  }
  return name as BenchModel;
});

const maxWorkers = Math.max(2, availableParallelism());
/**
 * An engine per model: its live runs share one calibration (kept two minutes), so the
 * staircase and the fresh runs cut tasks to the same size and their tasks/s compare.
 */
function openEngine(): LabEngine {
  return createLabEngine({
    workerScripts: builtWorkerScripts(),
    runtimes: ['node'],
    // The cold-resize figure grows to 3.
    maxWorkers: Math.max(maxWorkers, 3),
  });
}
let engine = openEngine();

/** Runs a live config to its end and returns its result. */
async function live(lab: LabEngine, config: LiveConfig): Promise<LiveResult> {
  const run = await lab.live(config, { signal: new AbortController().signal, onEvent: () => {} });
  return run.result;
}

/** One staircase 1..K: tasks/s of each step. */
async function stairsOnce(model: BenchModel): Promise<{ perSec: number[]; verified: boolean }> {
  const stairs = await live(engine, {
    workload: 'cpu.primes',
    models: [{ model, workers: 1 }],
    taskUs: TASK_US,
    ramp: { from: 1, to: maxWorkers, stepS: STEP_S },
  });
  const result = stairs.models[0]!;
  return {
    perSec: result.steps.map((s) => s.tasksPerSec),
    verified: result.checksumVerified === true,
  };
}

/** Fresh warm runs at 1..K: tasks/s of each run's only step. */
async function freshOnce(model: BenchModel): Promise<number[]> {
  const perSec = [];
  for (let workers = 1; workers <= maxWorkers; workers++) {
    const fresh = await live(engine, {
      workload: 'cpu.primes',
      models: [{ model, workers }],
      taskUs: TASK_US,
      durationS: STEP_S,
    });
    perSec.push(fresh.models[0]!.steps[0]!.tasksPerSec);
  }
  return perSec;
}

/** Throughput at each N, staircase against fresh, median of the rounds. */
async function staircase(model: BenchModel) {
  const stairs: number[][] = [];
  const fresh: number[][] = [];
  let checksumVerified = true;
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so a noisy moment does not always hit the same one.
    if (round % 2 === 1) fresh.push(await freshOnce(model));
    const once = await stairsOnce(model);
    stairs.push(once.perSec);
    checksumVerified &&= once.verified;
    if (round % 2 === 0) fresh.push(await freshOnce(model));
  }
  const points = Array.from({ length: maxWorkers }, (_, i) => {
    const stairsAtN = stairs.map((r) => r[i]!);
    const freshAtN = fresh.map((r) => r[i]!);
    const staircasePerSec = median(stairsAtN);
    const freshPerSec = median(freshAtN);
    return {
      workers: i + 1,
      staircasePerSec,
      staircaseRange: [Math.min(...stairsAtN), Math.max(...stairsAtN)] as const,
      freshPerSec,
      freshRange: [Math.min(...freshAtN), Math.max(...freshAtN)] as const,
      ratio: staircasePerSec / freshPerSec,
    };
  });
  return { points, checksumVerified };
}

/** Agreement at one N: within the goal, or apart by less than the rounds' own spread. */
function agreement(p: {
  ratio: number;
  staircaseRange: readonly [number, number];
  freshRange: readonly [number, number];
}): string {
  if (Math.abs(1 - p.ratio) <= AGREEMENT_GOAL) return 'yes';
  const overlap = p.staircaseRange[0] <= p.freshRange[1] && p.freshRange[0] <= p.staircaseRange[1];
  return overlap ? 'NO, within noise' : 'NO';
}

const range = ([low, high]: readonly [number, number]): string =>
  `${formatCount(Math.round(low))}–${formatCount(Math.round(high))}`;

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Grows 1 → `to` workers GROWS times in one live run: ms from the ask to the first task on
 * the last new worker.
 */
async function resizeLatency(model: BenchModel, to: number) {
  const run = await engine.live(
    { workload: 'cpu.primes', models: [{ model, workers: 1 }], taskUs: TASK_US },
    { signal: new AbortController().signal, onEvent: () => {} },
  );
  // Let the pool start and calibrate before the first resize.
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 0; i < GROWS; i++) {
    await resizeAndWait(run, model, to);
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
  // Time for a new standby to start and warm up before the next grow.
  await new Promise((r) => setTimeout(r, 1500));
}

const report: Record<string, unknown> = { cores: availableParallelism(), taskUs: TASK_US };
try {
  for (const model of MODELS) {
    await engine.close();
    engine = openEngine();
    const stairs = flags['resize-only'] ? null : await staircase(model);
    const resize = await resizeLatency(model, 2);
    const cold = await resizeLatency(model, 3);
    report[model] = { ...stairs, resize, coldResize: cold };
    process.stdout.write(`\n${model}:\n`);
    if (stairs) writeStaircase(stairs.points, stairs.checksumVerified);
    process.stdout.write(
      `Resize 1 → 2 (${resize.latencies.length} grows): median ${formatSignificant(resize.medianMs, 3)} ms, ` +
        `max ${formatSignificant(resize.maxMs, 3)} ms; goal < ${RESIZE_GOAL_MS[model]} ms: ` +
        `${resize.medianMs < RESIZE_GOAL_MS[model] ? 'met (median)' : 'NOT met'}\n` +
        `Resize 1 → 3 (standby + one cold spawn): median ${formatSignificant(cold.medianMs, 3)} ms, ` +
        `max ${formatSignificant(cold.maxMs, 3)} ms\n`,
    );
  }
} finally {
  await engine.close();
}

/** The staircase against the fresh runs, as a table, and whether every checksum held. */
function writeStaircase(
  points: Awaited<ReturnType<typeof staircase>>['points'],
  verified: boolean,
) {
  process.stdout.write(
    `Staircase 1..${maxWorkers} (${STEP_S} s a step, ~${TASK_US} µs tasks) vs a fresh warm run at each N, median of ${ROUNDS} rounds\n`,
  );
  process.stdout.write(
    `${renderTable(
      [
        'workers',
        'staircase/s',
        '(min–max)',
        'fresh/s',
        '(min–max)',
        'ratio',
        `within ${AGREEMENT_GOAL * 100} %`,
      ],
      points.map((p) => [
        String(p.workers),
        formatCount(Math.round(p.staircasePerSec)),
        range(p.staircaseRange),
        formatCount(Math.round(p.freshPerSec)),
        range(p.freshRange),
        formatSignificant(p.ratio, 3),
        agreement(p),
      ]),
    )}\n`,
  );
  process.stdout.write(`Checksums: ${verified ? 'all verified' : 'NOT all verified'}\n`);
}

const outDir = 'bench-results';
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `live-staircase-${availableParallelism()}cores.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nWrote ${file}\n`);
