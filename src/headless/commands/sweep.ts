/** `corelab sweep`: one model at 1..K workers, with speedup and scaling-law fits. */
import { formatMs, formatSpeedup, formatPercent } from '../../shared/format';
import { MAX_WORKERS_CEILING } from '../../shared/run-config';
import { intFlag, paramFlags, parseFlags, requiredFlag, UsageError } from '../cli-args';
import { renderTable } from '../tty';
import { sweepContent } from '../../shared/snapshot';
import { openEngineSession } from './engine-session';
import { renderFitReport } from './fit-report';
import { planSave, saveRun, SAVE_FLAGS } from './snapshot-save';
import { parseModels } from './run';

const SWEEP_FLAGS = {
  workload: { type: 'string' },
  model: { type: 'string' },
  'max-workers': { type: 'string' },
  tasks: { type: 'string' },
  param: { type: 'string', multiple: true },
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
      { workload, model, maxWorkers, taskCount, params: paramFlags(values.param) },
      {
        signal: session.signal,
        onEvent: (e) => {
          session.onEvent(e);
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
    const rows = result.points.map((p) => [
      String(p.workers),
      formatMs(p.wallMs),
      formatSpeedup(p.speedup),
      formatPercent(p.efficiency),
    ]);
    process.stdout.write(
      `${renderTable(['workers', 'wall', 'speedup', 'efficiency'], rows)}\n\n` +
        renderFitReport(result.fit),
    );
    return 0;
  } finally {
    await session.close();
  }
}
