/**
 * Measures what a live run's kernel costs on this machine before its tasks are cut: a short
 * probe on one worker (well under a second), like calibration.ts does for a run. The engine
 * probes on a worker thread, the page on a Web Worker.
 */
import { LabError } from '../errors';
import { startPool } from '../pool/run-pool';
import type { WorkloadDefinition, WorkloadParams } from '../workloads/types';
import type { LiveWorkers } from './live-run';

/** The probe's size as a share of the workload's default, and its tasks. */
const PROBE_SCALE = 1 / 16;
const PROBE_TASKS = 4;
/** How long a calibrated cost stands: the machine's load and clock may change after that. */
const COST_TTL_MS = 120_000;

/** Recent calibrations by workload and params, so runs soon after each other cut alike. */
export type LiveCosts = Map<string, { unitCostUs: number; atMs: number }>;

/**
 * µs of one core per unit of (sizing param)^exponent: the whole workload at size L costs
 * about that × L^exponent. Taken from the median task of a probe on one worker that
 * `openProbe` starts, or recalled from `costs` when measured in the last minutes.
 */
export async function calibrateLiveCost(
  costs: LiveCosts,
  workload: WorkloadDefinition,
  params: WorkloadParams,
  openProbe: () => LiveWorkers,
  signal: AbortSignal,
): Promise<number> {
  const key = JSON.stringify([workload.id, params]);
  const known = costs.get(key);
  if (known && performance.now() - known.atMs < COST_TTL_MS) return known.unitCostUs;
  const sizing = workload.sizing;
  if (sizing?.by !== 'param') {
    throw new LabError('invalid-argument', `${workload.id} has no size to calibrate`);
  }
  const spec = workload.params.find((p) => p.name === sizing.param)!;
  const size = Math.max(Math.round(spec.default * PROBE_SCALE), spec.min);
  const workers = openProbe();
  const outcome = await startPool({
    runId: 'live-calibration',
    model: 'worker-threads',
    workers: 1,
    workload: workload.id,
    params: { ...params, [sizing.param]: size },
    taskCount: PROBE_TASKS,
    io: {},
    spawn: workers.spawn,
    expectedChecksum: null,
    signal,
  }).result;
  await workers.finish();
  if (outcome.error) throw new LabError(outcome.error.code ?? 'internal', outcome.error.message);
  const taskMs = outcome.latency.p50Ms;
  if (!(taskMs > 0)) throw new LabError('internal', 'the calibration probe measured no time');
  const unitCostUs = (taskMs * 1000 * PROBE_TASKS) / Math.pow(size, sizing.exponent);
  costs.set(key, { unitCostUs, atMs: performance.now() });
  return unitCostUs;
}
