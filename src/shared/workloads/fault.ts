/**
 * Fault workloads: tasks that misbehave on purpose, so a user can watch how each model
 * survives a failing task, a dying worker, a hung task, a worker out of memory and a
 * worker flooding its host with messages (issue 7). Every other task waits `taskMs` and
 * answers like io.sleep, so a run without its fault verifies like any other.
 */
import { LabError } from '../errors';
import { foldTaskChecksum, mix32 } from './checksum';
import { intParam, paramValue } from './params';
import type { TaskEnv, WorkloadDefinition, WorkloadParams } from './types';

const TASK_MS = intParam(
  'taskMs',
  'Time per ordinary task',
  { min: 0, max: 10_000, default: 20 },
  'ms',
);
/** Any task index a run can have (run-config's MAX_TASKS − 1). */
const TASK_INDEX = { min: 0, max: 99_999, default: 3 };

/** A task that does no harm: waits, then proves which task it was. */
async function ordinaryTask(
  tag: number,
  params: WorkloadParams,
  taskIndex: number,
  env: TaskEnv,
): Promise<number> {
  const ms = paramValue(params, TASK_MS);
  if (ms > 0) await env.sleep(ms);
  return mix32(taskIndex ^ tag);
}

/** The checksum of a run in which no task misbehaved. */
function ordinaryReference(tag: number, taskCount: number): number {
  let acc = 0;
  for (let i = 0; i < taskCount; i++) acc = foldTaskChecksum(acc, i, mix32(i ^ tag));
  return acc;
}

// Tags keep each workload's ordinary checksums apart from the others'.
const THROW_TAG = 0x7e40;
const EXIT_TAG = 0xe417;
const HANG_TAG = 0x4a16;
const OOM_TAG = 0x0033;
const FLOOD_TAG = 0xf100;

/** What every fault workload shares; each adds its params and its fault. */
function faultWorkload(
  tag: number,
  definition: Omit<WorkloadDefinition, 'kind' | 'reference'>,
): WorkloadDefinition {
  return {
    ...definition,
    kind: 'fault',
    params: [...definition.params, TASK_MS],
    reference: (_params, taskCount) => ordinaryReference(tag, taskCount),
  };
}

/** Refuses to run a fault where the host lacks what keeps it from hurting the engine. */
function unavailable(workload: string, why: string): LabError {
  return new LabError('unavailable', `${workload} cannot run here: ${why}`);
}

const EVERY = intParam('every', 'Every Nth task fails', { min: 1, max: 100_000, default: 4 });

/** fault.throw: task i throws when i % every === every − 1. */
export const faultThrowWorkload: WorkloadDefinition = faultWorkload(THROW_TAG, {
  id: 'fault.throw',
  label: 'Fault: a task throws',
  description: 'Every Nth task throws an error; the others wait and answer.',
  params: [EVERY],
  defaultTasks: 64,
  needs: [],
  async runTask(params, taskIndex, _taskCount, env) {
    const every = paramValue(params, EVERY);
    if (taskIndex % every === every - 1) {
      throw new LabError('task-failed', `fault.throw: task ${taskIndex} threw on purpose`);
    }
    return ordinaryTask(THROW_TAG, params, taskIndex, env);
  },
});

const EXIT_AT = intParam('exitAt', 'Task whose worker exits', TASK_INDEX);
const EXIT_CODE = intParam('exitCode', 'Exit code', { min: 1, max: 255, default: 3 });

/** fault.exit: the worker that takes task `exitAt` exits in the middle of it. */
export const faultExitWorkload: WorkloadDefinition = faultWorkload(EXIT_TAG, {
  id: 'fault.exit',
  label: 'Fault: a worker exits',
  description: 'The worker running one chosen task exits in the middle of it.',
  params: [EXIT_AT, EXIT_CODE],
  defaultTasks: 64,
  needs: ['worker-exit'],
  async runTask(params, taskIndex, _taskCount, env) {
    if (taskIndex !== paramValue(params, EXIT_AT)) {
      return ordinaryTask(EXIT_TAG, params, taskIndex, env);
    }
    if (!env.exitWorker)
      throw unavailable('fault.exit', "a worker here is the engine's own thread");
    env.exitWorker(paramValue(params, EXIT_CODE));
    // A thread told to exit may still run a moment; it must never answer this task.
    return new Promise<number>(() => undefined);
  },
});

const HANG_AT = intParam('hangAt', 'Task that never returns', TASK_INDEX);

/**
 * fault.hang: task `hangAt` never returns. It awaits for ever rather than spinning, so even
 * on the engine's own thread the task timeout can abandon it and the engine carries on.
 */
export const faultHangWorkload: WorkloadDefinition = faultWorkload(HANG_TAG, {
  id: 'fault.hang',
  label: 'Fault: a task hangs',
  description: 'One chosen task never returns; the task timeout ends it and stops its worker.',
  params: [HANG_AT],
  defaultTasks: 64,
  needs: [],
  runDefaults: { taskTimeoutMs: 2_000 },
  runTask(params, taskIndex, _taskCount, env) {
    if (taskIndex === paramValue(params, HANG_AT)) return new Promise<number>(() => undefined);
    return ordinaryTask(HANG_TAG, params, taskIndex, env);
  },
});

const OOM_AT = intParam('oomAt', 'Task that exhausts memory', TASK_INDEX);
/** One hoarded array: 2^17 small integers, about 1 MiB of heap. */
const HOARD_CHUNK_LENGTH = 2 ** 17;

/** fault.oom: task `oomAt` allocates until its worker's heap limit ends the worker. */
export const faultOomWorkload: WorkloadDefinition = faultWorkload(OOM_TAG, {
  id: 'fault.oom',
  label: 'Fault: a worker runs out of memory',
  description: "One chosen task allocates until its worker's heap limit ends the worker.",
  params: [OOM_AT],
  defaultTasks: 64,
  needs: ['memory-limit'],
  runDefaults: { memoryLimitMb: 64 },
  async runTask(params, taskIndex, _taskCount, env) {
    if (taskIndex !== paramValue(params, OOM_AT)) {
      return ordinaryTask(OOM_TAG, params, taskIndex, env);
    }
    if (env.memoryLimitMb === undefined) {
      throw unavailable('fault.oom', 'this worker has no heap limit of its own');
    }
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(HOARD_CHUNK_LENGTH).fill(taskIndex));
  },
});

const LINES_PER_TASK = intParam('linesPerTask', 'Log lines per task', {
  min: 0,
  max: 10_000_000,
  default: 100_000,
});

/** fault.flood: every task logs `linesPerTask` lines as fast as it can, then answers. */
export const faultFloodWorkload: WorkloadDefinition = faultWorkload(FLOOD_TAG, {
  id: 'fault.flood',
  label: 'Fault: a worker floods its host',
  description: 'Every task sends a flood of log lines to the host before it answers.',
  params: [LINES_PER_TASK],
  defaultTasks: 64,
  needs: [],
  async runTask(params, taskIndex, _taskCount, env) {
    const { log } = env;
    if (!log) throw unavailable('fault.flood', 'this host takes no log lines');
    const lines = paramValue(params, LINES_PER_TASK);
    for (let i = 0; i < lines; i++) log(`task ${taskIndex}: line ${i}`);
    return ordinaryTask(FLOOD_TAG, params, taskIndex, env);
  },
});

/** The fault workloads, in the order a picker shows them. */
export const FAULT_WORKLOADS: readonly WorkloadDefinition[] = [
  faultThrowWorkload,
  faultExitWorkload,
  faultHangWorkload,
  faultOomWorkload,
  faultFloodWorkload,
];
