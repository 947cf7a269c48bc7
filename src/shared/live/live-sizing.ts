/**
 * Cuts a live run's tasks to a target size (issue 16). A task is task i mod T of the workload
 * at a size L of its sizing param: the whole run at L costs about unitCostUs × L^exponent of
 * one core (calibration measures unitCostUs), so one task costs that over T. L and T are
 * chosen together so a task lands near the target while each task still gets work of its
 * own (at least one grain: a block of numbers, a row) and, where it can, several grains, so
 * that the T tasks cost about the same.
 */
import { LabError } from '../errors';
import { WORKLOADS } from '../workloads/registry';
import type { WorkloadDefinition, WorkloadParams } from '../workloads/types';

/** Most tasks in one cycle: each distinct task's reference checksum is kept. */
export const MAX_LIVE_TASK_RING = 1024;
/** Grains per task from which the tasks of a cycle cost about the same. */
const EVEN_GRAINS = 8;
/** What an uneven cycle costs in the choice, against a task size off by that log-ratio. */
const UNEVEN_PENALTY = 0.05;

/** The size live tasks are sent at, and what one should cost. */
export interface LiveTaskPlan {
  params: WorkloadParams;
  /** T: task i is task i mod T of the workload at `params`. */
  taskCount: number;
  /** What one task should take on one core, from the calibrated cost. */
  estimatedTaskUs: number;
}

/** Why a workload cannot run live, or null when it can. */
export function liveWorkloadProblem(workload: WorkloadDefinition): string | null {
  if (isLiveWorkload(workload)) return null;
  return (
    `${workload.id} cannot run live: live mode needs a CPU workload whose tasks can be sized ` +
    `and checked one by one (${LIVE_WORKLOAD_IDS.join(', ')})`
  );
}

/** A CPU kernel sized by a param, with a reference checksum per task. */
function isLiveWorkload(workload: WorkloadDefinition): boolean {
  return workload.kind === 'cpu' && workload.sizing?.by === 'param' && !!workload.taskReferences;
}

/** The workloads a live run takes. */
export const LIVE_WORKLOAD_IDS: readonly string[] = WORKLOADS.filter(isLiveWorkload).map(
  (w) => w.id,
);

/**
 * The params and cycle length whose tasks cost closest to `taskUs` on one core, given the
 * calibrated cost of one unit of param^exponent (µs).
 */
export function planLiveTasks(
  workload: WorkloadDefinition,
  baseParams: WorkloadParams,
  taskUs: number,
  unitCostUs: number,
): LiveTaskPlan {
  const sizing = workload.sizing;
  if (sizing?.by !== 'param')
    throw new LabError('invalid-argument', liveWorkloadProblem(workload)!);
  const spec = workload.params.find((p) => p.name === sizing.param);
  if (!spec) throw new LabError('internal', `${workload.id} has no param ${sizing.param}`);
  const grain = sizing.grain ?? 1;
  let best: (LiveTaskPlan & { score: number }) | null = null;
  for (let ring = 1; ring <= MAX_LIVE_TASK_RING; ring *= 2) {
    const wanted = Math.pow((ring * taskUs) / unitCostUs, 1 / sizing.exponent);
    const clamped = Math.min(Math.max(wanted, spec.min), spec.max);
    const size = spec.isInteger ? Math.round(clamped) : clamped;
    const perTask = size / ring;
    // A task without a grain of its own would do no work at all.
    if (ring > 1 && perTask < grain) break;
    const estimatedTaskUs = (unitCostUs * Math.pow(size, sizing.exponent)) / ring;
    const score =
      Math.abs(Math.log(estimatedTaskUs / taskUs)) +
      (perTask < EVEN_GRAINS * grain ? UNEVEN_PENALTY : 0);
    if (!best || score <= best.score) {
      best = {
        params: { ...baseParams, [sizing.param]: size },
        taskCount: ring,
        estimatedTaskUs,
        score,
      };
    }
  }
  const { score: _score, ...plan } = best!;
  return plan;
}
