/**
 * `corelab pipeline`: producers and consumers on a bounded queue in one model, for a while.
 * Ctrl+C stops it gracefully (producers first, consumers drain), a second Ctrl+C forces it,
 * and either way the totals are printed; --save keeps the run as a snapshot.
 */
import { formatCount, formatMs, formatRate } from '../../shared/format';
import type { LabEvent } from '../../shared/lab-api';
import {
  isPipelineModel,
  PIPELINE_LIMITS,
  PIPELINE_MODEL_IDS,
  type PipelineConfig,
} from '../../shared/pipeline/pipeline-config';
import type { PipelineResult, PipelineSample } from '../../shared/pipeline/pipeline-result';
import {
  PIPELINE_ROLES,
  pipelineTimeShareSentence,
} from '../../shared/pipeline/pipeline-time-share-words';
import {
  describeStop,
  isExactlyOnce,
  transportLabel,
} from '../../shared/pipeline/pipeline-summary';
import { pipelineContent } from '../../shared/snapshot';
import { createLabEngine } from '../../main/engine/lab-engine';
import { intFlag, numberFlag, parseFlags, requiredFlag, UsageError } from '../cli-args';
import { renderTable, terminalSafe } from '../tty';
import { timeShareCells, timeShareHeader } from './run';
import { builtWorkerScripts } from '../engine-paths';
import { signalExitCode } from '../signal-exit';
import { planSave, saveRun, SAVE_FLAGS } from './snapshot-save';

const PIPELINE_FLAGS = {
  model: { type: 'string' },
  producers: { type: 'string' },
  consumers: { type: 'string' },
  'interval-ms': { type: 'string' },
  capacity: { type: 'string' },
  work: { type: 'string' },
  duration: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  ...SAVE_FLAGS,
} as const;

/** Reads the flags into a pipeline config, with the defaults of the usage text. */
export function parsePipelineFlags(argv: string[]): {
  config: PipelineConfig;
  isJson: boolean;
  /** --save and --note, checked when the engine can tell whether the name is taken. */
  saveValues: Record<string, unknown>;
} {
  const { values } = parseFlags(argv, PIPELINE_FLAGS);
  const model = requiredFlag(values, 'model');
  if (!isPipelineModel(model)) {
    throw new UsageError(
      `--model: unknown model "${model}"; known: ${PIPELINE_MODEL_IDS.join(', ')}`,
    );
  }
  const limits = PIPELINE_LIMITS;
  return {
    config: {
      model,
      producers: intFlag(values, 'producers', limits.producers) ?? 2,
      consumers: intFlag(values, 'consumers', limits.consumers) ?? 2,
      intervalMs: intFlag(values, 'interval-ms', limits.intervalMs) ?? 10,
      capacity: intFlag(values, 'capacity', limits.capacity) ?? 16,
      workPerEvent: intFlag(values, 'work', limits.workPerEvent) ?? 100,
      durationS: numberFlag(values, 'duration', limits.durationS) ?? 5,
      seed: intFlag(values, 'seed', { min: 0, max: 0xffff_ffff }),
    },
    isJson: values.json === true,
    saveValues: { save: values.save, note: values.note },
  };
}

/** Runs one pipeline to its end and prints the totals; exit 0 only when nothing was lost. */
export async function pipelineCommand(argv: string[]): Promise<number> {
  const { config, isJson, saveValues } = parsePipelineFlags(argv);
  const engine = createLabEngine({ workerScripts: builtWorkerScripts(), runtimes: ['node'] });
  const live = createLiveLine(process.stderr);
  let runId: string | null = null;
  let interrupts = 0;
  let stoppedBy: NodeJS.Signals = 'SIGINT';
  let isRunningSaid = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    stoppedBy = signal;
    live.clear();
    if (interrupts >= 3 || runId === null) process.exit(signalExitCode(signal));
    const force = interrupts === 2;
    process.stderr.write(
      force
        ? 'Forcing: everyone stops now; what is queued stays queued…\n'
        : 'Stopping: producers stop, consumers drain the queue… (Ctrl+C again to force)\n',
    );
    engine.stopPipeline(runId, { force }).catch(() => {
      // The pipeline ended on its own meanwhile; its result is on its way.
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const save = await planSave(saveValues, engine);
    const ended = new Promise<Extract<LabEvent, { type: 'pipeline-done' | 'run-failed' }>>(
      (resolve) =>
        engine.onEvent((event) => {
          if (event.runId !== runId) return;
          if (event.type === 'pipeline-sample') {
            if (!isRunningSaid && interrupts === 0) {
              isRunningSaid = true;
              process.stderr.write('Running; Ctrl+C stops it (the queue drains first).\n');
            }
            if (!isJson) live.update(event.sample);
          }
          if (event.type === 'pipeline-done' || event.type === 'run-failed') resolve(event);
        }),
    );
    ({ runId } = await engine.startPipeline(config));
    const end = await ended;
    live.clear();
    if (end.type === 'run-failed') {
      process.stderr.write(
        `corelab: the pipeline could not run: ${terminalSafe(end.error.message)}\n`,
      );
      return 1;
    }
    const { result } = end;
    process.stdout.write(
      isJson ? `${JSON.stringify(result)}\n` : `${terminalSafe(describePipeline(result))}\n`,
    );
    if (save) {
      const content = pipelineContent(result, save.recorder.finish([]).coreSeries);
      if (!(await saveRun(engine, save, content))) return 1;
    }
    if (result.error || !isExactlyOnce(result.totals)) return 1;
    return interrupts > 0 ? signalExitCode(stoppedBy) : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await engine.close();
  }
}

/** The totals, throughput and latency of a run as a few aligned lines. */
export function describePipeline(result: PipelineResult): string {
  const { config, totals } = result;
  const rows: [string, string][] = [
    ['model', `${result.model} · ${transportLabel(result)}`],
    [
      'setup',
      `${config.producers} producer(s) → queue of ${config.capacity} → ${config.consumers} consumer(s), ` +
        `every ${config.intervalMs} ms, work ${config.workPerEvent}`,
    ],
    ['produced', formatCount(totals.produced)],
    ['consumed', formatCount(totals.consumed)],
    ['left in queue', formatCount(totals.leftInQueue)],
    ['lost', `${formatCount(totals.lost)}${totals.lost === 0 ? ' ✓' : ' ✗'}`],
    ['duplicates', formatCount(totals.duplicates)],
    ['out of order', formatCount(totals.outOfOrder)],
    ['max depth', `${formatCount(totals.maxDepth)} of ${formatCount(config.capacity)}`],
    [
      'throughput',
      `${formatRate(totals.producedPerSec, 'events')} produced, ${formatRate(totals.consumedPerSec, 'events')} consumed`,
    ],
    [
      'latency',
      `p50 ${formatMs(totals.latency.p50Ms)} · p95 ${formatMs(totals.latency.p95Ms)} · ` +
        `p99 ${formatMs(totals.latency.p99Ms)} · max ${formatMs(totals.latency.maxMs)}`,
    ],
    ['producers blocked', formatMs(totals.producerBlockedMs)],
  ];
  if (totals.lockWaitMs !== null) rows.push(['lock wait', formatMs(totals.lockWaitMs)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  return [
    ...lines,
    '',
    result.transportNote,
    describeStop(result),
    '',
    describePipelineTimeShares(result),
  ].join('\n');
}

/** Where the producers' and consumers' time went: a table of the shares and a sentence per role. */
export function describePipelineTimeShares(result: PipelineResult): string {
  const table = renderTable(
    timeShareHeader('role'),
    PIPELINE_ROLES.map(({ key, label }) => [
      label,
      ...timeShareCells(result.timeSharesByRole[key]),
    ]),
  );
  const sentences = PIPELINE_ROLES.map(
    ({ key, label }) => `${label}: ${pipelineTimeShareSentence(result, key)}`,
  );
  return ['where the time went', table, ...sentences].join('\n');
}

/** One status line redrawn in place on a TTY while the pipeline runs; silent elsewhere. */
function createLiveLine(stream: NodeJS.WriteStream): {
  update(sample: PipelineSample): void;
  clear(): void;
} {
  let isDrawn = false;
  return {
    update(sample) {
      if (!stream.isTTY) return;
      const p99 = sample.latencyP99Ms === null ? '—' : formatMs(sample.latencyP99Ms);
      stream.write(
        `\r\x1b[2K${sample.phase.padEnd(8)} ${formatRate(sample.producedPerSec, 'in')} ` +
          `${formatRate(sample.consumedPerSec, 'out')}  depth ${sample.depth}  p99 ${p99}`,
      );
      isDrawn = true;
    },
    clear() {
      if (isDrawn) stream.write('\r\x1b[2K');
      isDrawn = false;
    },
  };
}
