/**
 * What a run or sweep config comes to before it runs: its workload, the params with their
 * defaults, the task count, the fault options and the rounds. One reading, used by the
 * engine, the page's own models and the snapshot drafts, so the three never disagree.
 */
import { resolveFaultOptions, type FaultOptions } from './run-config';
import { getWorkload, resolveParams } from './workloads/registry';
import type { WorkloadDefinition, WorkloadParams } from './workloads/types';

/** What prepareWork reads of a run or sweep config. */
export interface WorkConfig extends Partial<FaultOptions> {
  workload: string;
  params?: Record<string, number>;
  taskCount?: number;
  rounds?: number;
}

export interface PreparedWork {
  workload: WorkloadDefinition;
  params: WorkloadParams;
  taskCount: number;
  /** The config set what calibration would size (see isSizeExplicit): that size stands. */
  isSizeExplicit: boolean;
  /** The config set the task count. */
  isTaskCountFixed: boolean;
  faultOptions: FaultOptions;
  rounds: number;
}

/**
 * Whether the config fixed the work's size itself: the param that sizing scales, or the task
 * count when tasks are the size. Explicit sizes win over calibration.
 */
function isSizeExplicit(workload: WorkloadDefinition, config: WorkConfig): boolean {
  const sizing = workload.sizing;
  if (!sizing) return true;
  return sizing.by === 'tasks'
    ? config.taskCount !== undefined
    : config.params?.[sizing.param] !== undefined;
}

/** Throws a LabError for an unknown workload or param, naming it. */
export function prepareWork(config: WorkConfig, defaultRounds: number): PreparedWork {
  const workload = getWorkload(config.workload);
  return {
    workload,
    params: resolveParams(workload, config.params ?? {}),
    taskCount: config.taskCount ?? workload.defaultTasks,
    isSizeExplicit: isSizeExplicit(workload, config),
    isTaskCountFixed: config.taskCount !== undefined,
    faultOptions: resolveFaultOptions(config, workload),
    rounds: config.rounds ?? defaultRounds,
  };
}
