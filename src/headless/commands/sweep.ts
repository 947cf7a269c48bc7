/** `corelab sweep`: one model at 1..K workers, with speedup and scaling-law fits. */
import { formatSpeedup, formatPercent } from '../../shared/format';
import { MAX_WORKERS_CEILING } from '../../shared/run-config';
import type { ModelResult } from '../../shared/results';
import { sweepPoints, type SweepPoint } from '../../shared/stats/scaling';
import { intFlag, paramFlags, parseFlags, requiredFlag, UsageError } from '../cli-args';
import { renderTable } from '../tty';
import { sweepContent } from '../../shared/snapshot';
import { openEngineSession } from './engine-session';
import { renderFitReport } from './fit-report';
import { planSave, saveRun, SAVE_FLAGS } from './snapshot-save';
import { parseModels, wallWithRange } from './run';
import {
  describeEstimate,
  describeInterference,
  MEASUREMENT_FLAGS,
  measurementOptions,
} from './measurement-flags';

const SWEEP_FLAGS = {
  workload: { type: 'string' },
  model: { type: 'string' },
  'max-workers': { type: 'string' },
  tasks: { type: 'string' },
  param: { type: 'string', multiple: true },
  ...MEASUREMENT_FLAGS,
  ...SAVE_FLAGS,
  json: { type: 'boolean' },
} as const;

/** Sweeps and prints points and fits, or one JSON document with --json. */
export async function sweepCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, SWEEP_FLAGS);
  const workload = requiredFlag(values, 'workload');
  const [model, ...others] = parseModels(requiredFlag(values, 'model'));
  if (!model || others.length > 0) throw new UsageError('--model takes exactly one model');
  const maxWorkers = intFlag(values, 'max-workers', { min: 1, max: MAX_WORKERS_CEILING });
  if (maxWorkers === undefined) throw new UsageError('--max-workers is required');
  const taskCount = intFlag(values, 'tasks', { min: 1, max: 100_000 });
  const session = openEngineSession(Math.max(maxWorkers, 1));
  // Each worker count that finished, kept as it ends: a signal must not lose them.
  const finished: ModelResult[] = [];
  try {
    const save = await planSave(values, session.engine);
    const result = await session.engine
      .sweep(
        {
          workload,
          model,
          maxWorkers,
          taskCount,
          params: paramFlags(values.param),
          ...measurementOptions(values),
        },
        {
          signal: session.signal,
          onEvent: (e) => {
            session.onEvent(e);
            save?.recorder.onEvent(e);
            if (e.type === 'estimate') process.stderr.write(`${describeEstimate(e.estimate)}\n`);
            if (e.type === 'model-result' && !e.result.isPartial) {
              finished.push(e.result);
              process.stderr.write(
                `Point ${e.result.workers} of ${maxWorkers}: ${wallWithRange(e.result)}\n`,
              );
            }
          },
        },
      )
      .catch((error: unknown) => {
        if (session.isInterrupted()) return null;
        throw error;
      });
    if (result === null) {
      const points =
        finished.length > 0
          ? sweepPoints(finished.map((r) => ({ workers: r.workers, roundWallMs: r.roundWallMs })))
          : [];
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ isCancelled: true, points })}\n`
          : `${pointsTable(points, finished)}\nSweep cancelled: ${points.length} of ${maxWorkers} point(s) measured.\n`,
      );
      return session.interruptedExitCode();
    }
    // Saved before printing: the table below returns early for --json.
    if (save) {
      const content = sweepContent(result, save.recorder.finish(result.results));
      if (!(await saveRun(session.engine, save, content))) return 1;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    const interference = describeInterference(result.interference);
    process.stdout.write(
      `${pointsTable(result.points, result.results)}\n\n` +
        (interference ? `${interference}\n\n` : '') +
        renderFitReport(result.fit),
    );
    return 0;
  } finally {
    await session.close();
  }
}

/** Workers, wall time, speedup and efficiency, a row per point. */
function pointsTable(points: readonly SweepPoint[], results: readonly ModelResult[]): string {
  const rows = points.map((p) => [
    String(p.workers),
    wallWithRange(p),
    String(p.rounds),
    formatSpeedup(p.speedup),
    formatPercent(p.efficiency),
    results.find((r) => r.workers === p.workers)?.interference?.flagged ? 'disturbed' : '',
  ]);
  return renderTable(['workers', 'wall', 'rounds', 'speedup', 'efficiency', 'flag'], rows);
}
