/** io.sleep: each task waits on a timer, simulating a fixed I/O latency. */
import { foldTaskChecksum, mix32 } from './checksum';
import { intParam, paramValue } from './params';
import type { WorkloadDefinition } from './types';

const LATENCY_MS = intParam(
  'latencyMs',
  'Latency per task',
  { min: 0, max: 60_000, default: 50 },
  'ms',
);

/** The checksum a sleep task answers: proves the task ran, and which one it was. */
function sleepChecksum(taskIndex: number): number {
  return mix32(taskIndex ^ 0x51ee9);
}

/** io.sleep: each task awaits env.sleep(latencyMs). */
export const sleepWorkload: WorkloadDefinition = {
  id: 'io.sleep',
  label: 'Timer latency',
  kind: 'io',
  description: 'Waits on a timer for the given latency, as if for a slow I/O call.',
  params: [LATENCY_MS],
  defaultTasks: 64,
  sizing: { by: 'tasks' },
  needs: [],
  async runTask(params, taskIndex, _taskCount, env) {
    await env.sleep(paramValue(params, LATENCY_MS));
    return sleepChecksum(taskIndex);
  },
  reference(_params, taskCount) {
    let acc = 0;
    for (let i = 0; i < taskCount; i++) acc = foldTaskChecksum(acc, i, sleepChecksum(i));
    return acc;
  },
};
