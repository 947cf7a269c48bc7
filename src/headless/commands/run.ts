/** `corelab run`: one workload under several models, side by side. */
import { MODEL_IDS, type ModelId } from '../../shared/models';
import { formatBytes, formatMs, formatPercent, formatRate } from '../../shared/format';
import {
  THREAD_STATE_LABELS,
  THREAD_STATES,
  type ModelResult,
  type TimeShares,
} from '../../shared/results';
import { timeShareSentence } from '../../shared/time-share-words';
import {
  FAILURE_POLICIES,
  MAX_MEMORY_LIMIT_MB,
  MAX_TASK_TIMEOUT_MS,
  MAX_WORKERS_CEILING,
  MIN_MEMORY_LIMIT_MB,
  runConfigSchema,
  type FailurePolicy,
  type RunConfig,
} from '../../shared/run-config';
import { readConfigFile } from '../config-file';
import { intFlag, paramFlags, parseFlags, requiredFlag, UsageError } from '../cli-args';
import { renderTable, terminalSafe } from '../tty';
import { runContent } from '../../shared/snapshot';
import { openEngineSession } from './engine-session';
import { planSave, saveRun, SAVE_FLAGS } from './snapshot-save';
import {
  describeEstimate,
  describeInterference,
  MEASUREMENT_FLAGS,
  measurementOptions,
} from './measurement-flags';
import type { RunResult } from '../../shared/lab-api';

/** Parses `a,b,c` into known model ids. */
export function parseModels(raw: string): ModelId[] {
  const models = raw
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  for (const model of models) {
    if (!(MODEL_IDS as readonly string[]).includes(model)) {
      throw new UsageError(`--models: unknown model "${model}"; known: ${MODEL_IDS.join(', ')}`);
    }
  }
  if (models.length === 0) throw new UsageError('--models needs at least one model');
  return models as ModelId[];
}

/** Parses `N[,M…]`: one count for every model, or one per model. */
export function parseWorkers(raw: string | undefined, count: number, fallback: number): number[] {
  if (raw === undefined) return Array.from({ length: count }, () => fallback);
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > MAX_WORKERS_CEILING)) {
    throw new UsageError(
      `--workers must be positive integers (1..${MAX_WORKERS_CEILING}), e.g. 4 or 1,4,4`,
    );
  }
  const numbers = parts.map(Number);
  if (numbers.length === 1) return Array.from({ length: count }, () => numbers[0]!);
  if (numbers.length !== count) {
    throw new UsageError(
      `--workers has ${numbers.length} counts for ${count} models; give one or one per model`,
    );
  }
  return numbers;
}

/** Parses --on-failure: whether the other workers go on after a task fails. */
export function parseFailurePolicy(raw: unknown): FailurePolicy | undefined {
  if (raw === undefined) return undefined;
  if (!(FAILURE_POLICIES as readonly unknown[]).includes(raw)) {
    throw new UsageError(`--on-failure must be one of: ${FAILURE_POLICIES.join(', ')}`);
  }
  return raw as FailurePolicy;
}

/** The flags that describe the run; --config FILE describes it instead. */
const RUN_CONFIG_FLAGS = {
  workload: { type: 'string' },
  models: { type: 'string' },
  workers: { type: 'string' },
  tasks: { type: 'string' },
  param: { type: 'string', multiple: true },
  'on-failure': { type: 'string' },
  'task-timeout': { type: 'string' },
  'memory-limit': { type: 'string' },
  ...MEASUREMENT_FLAGS,
} as const;

const RUN_FLAGS = {
  ...RUN_CONFIG_FLAGS,
  config: { type: 'string' },
  'max-workers': { type: 'string' },
  ...SAVE_FLAGS,
  json: { type: 'boolean' },
} as const;

/** The run the flags describe, or the one the --config file holds. */
async function runConfigOf(
  values: Record<string, unknown>,
  logicalCores: number,
): Promise<RunConfig> {
  if (typeof values.config === 'string') {
    const clash = Object.keys(RUN_CONFIG_FLAGS).find((flag) => values[flag] !== undefined);
    if (clash) throw new UsageError(`--config and --${clash} exclude each other`);
    return readConfigFile(values.config, runConfigSchema);
  }
  const workload = requiredFlag(values, 'workload');
  const models = parseModels(requiredFlag(values, 'models'));
  const workers = parseWorkers(values.workers as string | undefined, models.length, logicalCores);
  return {
    workload,
    params: paramFlags(values.param),
    taskCount: intFlag(values, 'tasks', { min: 1, max: 100_000 }),
    models: models.map((model, i) => ({ model, workers: workers[i]! })),
    failurePolicy: parseFailurePolicy(values['on-failure']),
    taskTimeoutMs: intFlag(values, 'task-timeout', { min: 1, max: MAX_TASK_TIMEOUT_MS }),
    memoryLimitMb: intFlag(values, 'memory-limit', {
      min: MIN_MEMORY_LIMIT_MB,
      max: MAX_MEMORY_LIMIT_MB,
    }),
    ...measurementOptions(values),
  };
}

/** Runs the comparison and prints a table, or one JSON document with --json. */
export async function runCommand(argv: string[], logicalCores: number): Promise<number> {
  const { values } = parseFlags(argv, RUN_FLAGS);
  const config = await runConfigOf(values, logicalCores);
  const maxWorkers = intFlag(values, 'max-workers', { min: 1, max: MAX_WORKERS_CEILING });
  const session = openEngineSession(maxWorkers);
  try {
    const save = await planSave(values, session.engine);
    const result = await session.engine.run(config, {
      signal: session.signal,
      onEvent: (e) => {
        session.onEvent(e);
        if (e.type === 'estimate') process.stderr.write(`${describeEstimate(e.estimate)}\n`);
        save?.recorder.onEvent(e);
      },
    });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(`${terminalSafe(describeRunResult(result))}\n`);
      if (result.isCancelled) process.stdout.write('Run cancelled: results above are partial.\n');
    }
    if (save) {
      const content = runContent(result, save.recorder.finish(result.results));
      if (!(await saveRun(session.engine, save, content))) return 1;
    }
    return result.isCancelled
      ? session.interruptedExitCode()
      : result.results.some((r) => r.error)
        ? 1
        : 0;
  } finally {
    await session.close();
  }
}

/** The verdict, the table, and the interference warning or the note that the machine was quiet. */
function describeRunResult(result: RunResult): string {
  const interference = describeInterference(result.interference);
  return [
    ...(result.verdict ? [result.verdict, ''] : []),
    describeRun(result.results),
    '',
    describeTimeShares(result.results),
    ...(interference ? ['', interference] : []),
  ].join('\n');
}

/** The header of a time-share table whose first column is `first`. */
export function timeShareHeader(first: string): string[] {
  return [first, ...THREAD_STATES.map((state) => THREAD_STATE_LABELS[state])];
}

/** The five shares as table cells; one that could not be measured says so, never 0 %. */
export function timeShareCells(shares: TimeShares): string[] {
  return THREAD_STATES.map((state) => {
    const share = shares[state];
    return share === null ? 'unavailable' : formatPercent(share);
  });
}

/** Where each model's worker time went: a table of the shares and a sentence per model. */
export function describeTimeShares(results: readonly ModelResult[]): string {
  const table = renderTable(
    timeShareHeader('model'),
    results.map((r) => [r.model, ...timeShareCells(r.timeShares)]),
  );
  return [table, ...results.map((r) => `${r.model}: ${timeShareSentence(r)}`)].join('\n');
}

/** A median wall time with its range when there was more than one round. */
export function wallWithRange(r: {
  wallMs: number;
  wallMsMin: number;
  wallMsMax: number;
  rounds: number;
}): string {
  if (r.rounds <= 1) return formatMs(r.wallMs);
  return `${formatMs(r.wallMs)} (${formatMs(r.wallMsMin)}–${formatMs(r.wallMsMax)})`;
}

/** The comparison as a readable table plus any errors. */
export function describeRun(results: ModelResult[]): string {
  const rows = results.map((r) => [
    r.model,
    String(r.workers),
    wallWithRange(r),
    String(r.rounds),
    formatMs(r.startupMs),
    formatRate(r.tasksPerSec),
    `${formatMs(r.latency.p50Ms)} / ${formatMs(r.latency.p99Ms)}`,
    r.cpuTimeMs === null ? '–' : formatMs(r.cpuTimeMs),
    r.peakRssBytes === null ? '–' : formatBytes(r.peakRssBytes),
    r.engineLoopDelay ? formatMs(r.engineLoopDelay.p99Ms) : '–',
    r.verified ? '✓' : r.isPartial ? 'partial' : '✗',
  ]);
  const table = renderTable(
    [
      'model',
      'workers',
      'wall',
      'rounds',
      'start-up',
      'throughput',
      'p50 / p99',
      'CPU',
      'peak RSS',
      'engine loop p99',
      'checksum',
    ],
    rows,
  );
  const errors = results
    .filter((r) => r.error)
    .map((r) => `${r.model}: ${r.error?.message} (${r.failures.length} failed task(s))`);
  return [table, ...errors, ...results.flatMap(describeFaults)].join('\n');
}

/** Shown per failed task, at most; the rest are counted (--json has them all). */
const MAX_LISTED_FAILURES = 5;

/** Which task on which worker failed and why, and what the workers' logs lost. */
function describeFaults(result: ModelResult): string[] {
  const lines = result.failures.slice(0, MAX_LISTED_FAILURES).map((failure) => {
    const task = failure.taskIndex === null ? 'no task' : `task ${failure.taskIndex}`;
    const where = failure.worker === null ? task : `${task} on worker ${failure.worker}`;
    // A timeout's message already starts by naming its task and worker.
    const message = failure.error.message.startsWith(`${where} `)
      ? failure.error.message
      : `${where}: ${failure.error.message}`;
    return `  ${result.model}: ${message}`;
  });
  const more = result.failures.length - MAX_LISTED_FAILURES;
  if (more > 0) lines.push(`  ${result.model}: …and ${more} more failed task(s)`);
  const logs = result.workerLogs;
  if (logs && logs.droppedCount > 0) {
    lines.push(
      `  ${result.model}: workers logged too much: ${logs.kept.length} line(s) kept, ` +
        `${logs.droppedCount} dropped`,
    );
  }
  return lines;
}
