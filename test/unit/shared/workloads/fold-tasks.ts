/** Test helper: runs every task of a workload in turn and folds the checksums like a runner. */
import { foldTaskChecksum } from '../../../../src/shared/workloads/checksum';
import type {
  TaskEnv,
  WorkloadDefinition,
  WorkloadParams,
} from '../../../../src/shared/workloads/types';

/** A TaskEnv whose sleeps return at once, for kernels that only need timers. */
export const instantEnv: TaskEnv = { sleep: () => Promise.resolve() };

/** Runs tasks 0..taskCount-1 sequentially; returns the run checksum and each task's. */
export async function foldTasks(
  workload: WorkloadDefinition,
  params: WorkloadParams,
  taskCount: number,
  env: TaskEnv = instantEnv,
): Promise<{ checksum: number; tasks: number[] }> {
  const tasks: number[] = [];
  let checksum = 0;
  for (let i = 0; i < taskCount; i++) {
    const task = await workload.runTask(params, i, taskCount, env);
    tasks.push(task);
    checksum = foldTaskChecksum(checksum, i, task);
  }
  return { checksum, tasks };
}

/** True for a 32-bit unsigned integer. */
export function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}
