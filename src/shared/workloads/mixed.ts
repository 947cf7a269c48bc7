/** mixed: each task does some CPU work, then waits as if for I/O. */
import { foldTaskChecksum, mix32 } from './checksum';
import { chainedHash } from './hash';
import { intParam, paramValue } from './params';
import type { WorkloadDefinition, WorkloadParams } from './types';

const MIXED_BUFFER_BYTES = 64 * 1024;
const ROUNDS = intParam('rounds', 'Hash rounds per task (CPU part)', {
  min: 0,
  max: 100_000,
  default: 150,
});
const LATENCY_MS = intParam(
  'latencyMs',
  'Latency per task (I/O part)',
  { min: 0, max: 60_000, default: 30 },
  'ms',
);

/** The CPU half of a task, and with it the task's checksum. */
function mixedChecksum(params: WorkloadParams, taskIndex: number): number {
  const digest = chainedHash(taskIndex, MIXED_BUFFER_BYTES, paramValue(params, ROUNDS));
  return mix32(digest ^ Math.imul(taskIndex, 0x9e3779b1));
}

/** mixed: hash rounds over a 64 KiB buffer, then env.sleep(latencyMs). */
export const mixedWorkload: WorkloadDefinition = {
  id: 'mixed',
  label: 'CPU then I/O',
  kind: 'mixed',
  description: 'Runs some hash rounds, then waits on a timer as if for an I/O call.',
  params: [ROUNDS, LATENCY_MS],
  defaultTasks: 100,
  sizing: { by: 'tasks' },
  needs: [],
  async runTask(params, taskIndex, _taskCount, env) {
    const checksum = mixedChecksum(params, taskIndex);
    await env.sleep(paramValue(params, LATENCY_MS));
    return checksum;
  },
  reference(params, taskCount) {
    let acc = 0;
    for (let i = 0; i < taskCount; i++) acc = foldTaskChecksum(acc, i, mixedChecksum(params, i));
    return acc;
  },
};
