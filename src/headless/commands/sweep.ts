/** `corelab sweep`: one model at 1..K workers, with speedup and scaling-law fits. */
import { formatSpeedup, formatPercent } from '../../shared/format';
import { MAX_WORKERS_CEILING } from '../../shared/run-config';
import { explainFit } from '../../shared/stats/scaling';
import { intFlag, paramFlags, parseFlags, requiredFlag, UsageError } from '../cli-args';
import { renderTable } from '../tty';
import { sweepContent } from '../../shared/snapshot';
import { openEngineSession } from './engine-session';
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
  try {
    const save = await planSave(values, session.engine);
    const result = await session.engine.sweep(
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
          if (e.type === 'estimate') process.stderr.write(`${describeEstimate(e.estimate)}\n`);
          save?.recorder.onEvent(e);
        },
      },
    );
    // Saved before printing: the table below returns early for --json.
    if (save) {
      const content = sweepContent(result, save.recorder.finish(result.results));
      if (!(await saveRun(session.engine, save, content))) return 1;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    const rows = result.points.map((p, i) => [
      String(p.workers),
      wallWithRange(p),
      String(p.rounds),
      formatSpeedup(p.speedup),
      formatPercent(p.efficiency),
      result.results[i]?.interference?.flagged ? 'disturbed' : '',
    ]);
    const interference = describeInterference(result.interference);
    process.stdout.write(
      `${renderTable(['workers', 'wall', 'rounds', 'speedup', 'efficiency', 'flag'], rows)}\n\n` +
        (interference ? `${interference}\n\n` : '') +
        `Amdahl serial fraction ${result.fit.amdahl.serialFraction.toFixed(3)}; ` +
        `USL σ ${result.fit.usl.sigma.toFixed(4)}, κ ${result.fit.usl.kappa.toFixed(5)}, ` +
        `peak ${result.fit.usl.peakWorkers === null ? 'none' : result.fit.usl.peakWorkers.toFixed(1)} workers\n` +
        `${explainFit(result.fit, maxWorkers)}\n`,
    );
    return 0;
  } finally {
    await session.close();
  }
}
