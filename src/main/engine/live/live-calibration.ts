/**
 * Measures what a live run's kernel costs on this machine before its tasks are cut: a short
 * probe on one worker thread (well under a second), like calibration.ts does for a run.
 */
import { LabError } from '../../../shared/errors';
import { startPool } from '../../../shared/pool/run-pool';
import type { WorkloadDefinition, WorkloadParams } from '../../../shared/workloads/types';
import { openWorkers } from '../model-run';
import type { LiveContext } from './live-run';

/** The probe's size as a share of the workload's default, and its tasks. */
const PROBE_SCALE = 1 / 16;
const PROBE_TASKS = 4;

/**
 * µs of one core per unit of (sizing param)^exponent: the whole workload at size L costs
 * about that × L^exponent. Taken from the median task of the probe.
 */
export async function calibrateLiveCost(
  context: LiveContext,
  workload: WorkloadDefinition,
  params: WorkloadParams,
  signal: AbortSignal,
): Promise<number> {
  const sizing = workload.sizing;
  const runner = context.runners.get('worker-threads');
  if (sizing?.by !== 'param' || !runner || !('spawn' in runner)) {
    throw new LabError('unavailable', `no worker thread to calibrate ${workload.id} on`);
  }
  const spec = workload.params.find((p) => p.name === sizing.param)!;
  const size = Math.max(Math.round(spec.default * PROBE_SCALE), spec.min);
  const workers = openWorkers(runner);
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
  return (taskMs * 1000 * PROBE_TASKS) / Math.pow(size, sizing.exponent);
}
