/**
 * `corelab live`: one warm pool on endless tasks of a chosen size (issue 16). With --from/--to
 * it ramps through worker counts in one run (a sweep without a restart between points);
 * without, it holds --workers until --duration-s or Ctrl+C. Prints throughput per step.
 */
import { formatCount, formatSignificant, formatSpeedup } from '../../shared/format';
import type { LabEvent } from '../../shared/lab-api';
import {
  MAX_LIVE_DURATION_S,
  MAX_TASK_US,
  MIN_TASK_US,
  type LiveConfig,
  type LiveModelResult,
  type LiveResult,
} from '../../shared/live/live-schema';
import { describeWorkers, type ModelId } from '../../shared/models';
import { MAX_WORKERS_CEILING } from '../../shared/run-config';
import { liveContent } from '../../shared/snapshot';
import { intFlag, numberFlag, paramFlags, parseFlags, requiredFlag, UsageError } from '../cli-args';
import { renderTable } from '../tty';
import { openEngineSession } from './engine-session';
import { renderFitReport } from './fit-report';
import { parseModels } from './run';
import { planSave, saveRun, SAVE_FLAGS } from './snapshot-save';

const LIVE_FLAGS = {
  model: { type: 'string' },
  workload: { type: 'string' },
  workers: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'step-s': { type: 'string' },
  'task-us': { type: 'string' },
  'duration-s': { type: 'string' },
  param: { type: 'string', multiple: true },
  ...SAVE_FLAGS,
  json: { type: 'boolean' },
} as const;

/** The task size a live run uses unless --task-us says otherwise: 1 ms of work. */
const DEFAULT_TASK_US = 1000;
/** Seconds per ramp step unless --step-s says otherwise. */
const DEFAULT_STEP_S = 2;

/** The live config the flags describe. */
function liveConfigOf(values: Record<string, unknown>): { config: LiveConfig; model: ModelId } {
  const [model, ...others] = parseModels(requiredFlag(values, 'model'));
  if (!model || others.length > 0) throw new UsageError('--model takes exactly one model');
  const workerRange = { min: 1, max: MAX_WORKERS_CEILING };
  const from = intFlag(values, 'from', workerRange);
  const to = intFlag(values, 'to', workerRange);
  const stepS = numberFlag(values, 'step-s', { min: 0.1, max: MAX_LIVE_DURATION_S });
  const workers = intFlag(values, 'workers', workerRange);
  const isRamp = from !== undefined || to !== undefined || stepS !== undefined;
  if (isRamp && to === undefined) throw new UsageError('a ramp needs --to K');
  if (isRamp && workers !== undefined) {
    throw new UsageError('--workers and a ramp (--from/--to/--step-s) exclude each other');
  }
  if (to !== undefined && to < (from ?? 1)) throw new UsageError('--to must be at least --from');
  const durationS = numberFlag(values, 'duration-s', { min: 0.1, max: MAX_LIVE_DURATION_S });
  if (isRamp && durationS !== undefined) {
    throw new UsageError('a ramp ends after its last step; leave out --duration-s');
  }
  const config: LiveConfig = {
    workload: typeof values.workload === 'string' ? values.workload : 'cpu.primes',
    params: paramFlags(values.param),
    models: [{ model, workers: workers ?? from ?? 1 }],
    taskUs:
      numberFlag(values, 'task-us', { min: MIN_TASK_US, max: MAX_TASK_US }) ?? DEFAULT_TASK_US,
    ...(durationS === undefined ? {} : { durationS }),
    ...(isRamp ? { ramp: { from: from ?? 1, to: to!, stepS: stepS ?? DEFAULT_STEP_S } } : {}),
  };
  return { config, model };
}

/** Runs live and prints its steps, or one JSON document with --json. */
export async function liveCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, LIVE_FLAGS);
  const { config, model } = liveConfigOf(values);
  const session = openEngineSession(Math.max(config.ramp?.to ?? 1, config.models[0]!.workers));
  try {
    const save = await planSave(values, session.engine);
    const isOpenEnded = !config.ramp && config.durationS === undefined;
    if (isOpenEnded) process.stderr.write('Live: press Ctrl+C to stop.\n');
    const run = await session.engine.live(config, {
      signal: session.signal,
      onEvent: progressPrinter(),
    });
    const result = await run.result;
    const [modelResult] = result.models;
    if (save) {
      const { coreSeries } = save.recorder.finish([]);
      if (!(await saveRun(session.engine, save, liveContent(result, coreSeries)))) return 1;
    }
    process.stdout.write(values.json ? jsonReport(model, result) : textReport(result));
    if (modelResult?.checksumVerified === false) return 1;
    // Ctrl+C is how an open-ended live run ends; a ramp or duration cut short says so.
    return session.isInterrupted() && !isOpenEnded ? session.interruptedExitCode() : 0;
  } finally {
    await session.close();
  }
}

/** A line on stderr at each resize and about once a second, so a long run shows it lives. */
function progressPrinter(): (event: LabEvent) => void {
  let lastAtMs = -Infinity;
  return (event) => {
    if (event.type === 'live-resize') {
      const { from, to, atMs, firstTaskAtMs } = event.resize;
      const took =
        firstTaskAtMs === null
          ? 'did not take effect'
          : `took ${formatSignificant(firstTaskAtMs - atMs, 3)} ms`;
      process.stderr.write(`Resize ${from} → ${to}: ${took}\n`);
    }
    if (event.type !== 'live-sample' || event.sample.atMs - lastAtMs < 1000) return;
    lastAtMs = event.sample.atMs;
    const s = event.sample;
    const dispatch =
      s.dispatchToStartUsP50 === null
        ? ''
        : `, dispatch→start p50 ${formatSignificant(s.dispatchToStartUsP50, 2)} µs`;
    process.stderr.write(
      `${describeWorkers(s.model, s.workers)}: ${formatCount(Math.round(s.tasksPerSec))} tasks/s${dispatch}\n`,
    );
  };
}

/** The --json document: the staircase's steps and whether every checksum held. */
function jsonReport(model: ModelId, result: LiveResult): string {
  const modelResult = result.models[0];
  return `${JSON.stringify({
    model,
    steps: (modelResult?.steps ?? []).map(({ workers, durationMs, tasksDone, tasksPerSec }) => ({
      workers,
      durationMs,
      tasksDone,
      tasksPerSec,
    })),
    checksumVerified: modelResult?.checksumVerified ?? null,
    checksumNote: modelResult?.checksumNote ?? null,
    ...(result.fit ? { fit: result.fit } : {}),
  })}\n`;
}

/** Steps as a table, the checksum sentence, and the fit of a ramp (also for snapshots show). */
export function textReport(result: LiveResult): string {
  const lines = result.models.flatMap((m) => [stepsTable(m), '', checksumLine(m), '']);
  if (result.fit) lines.push(renderFitReport(result.fit));
  return `${lines.join('\n')}\n`;
}

function stepsTable(model: LiveModelResult): string {
  const base = model.steps[0]?.tasksPerSec ?? 0;
  const rows = model.steps.map((step) => [
    String(step.workers),
    formatSignificant(step.taskUs, 3),
    `${formatSignificant(step.durationMs / 1000, 3)} s`,
    formatCount(step.tasksDone),
    formatCount(Math.round(step.tasksPerSec)),
    base > 0 ? formatSpeedup(step.tasksPerSec / base) : '',
  ]);
  return renderTable(['workers', 'task µs', 'time', 'tasks', 'tasks/s', 'vs first'], rows);
}

function checksumLine(model: LiveModelResult): string {
  const mark = model.checksumVerified === true ? '✓' : model.checksumVerified === false ? '✗' : '?';
  const error = model.error ? `\nError: ${model.error.message}` : '';
  return `Checksums ${mark} ${model.checksumNote ?? ''}${error}`;
}
