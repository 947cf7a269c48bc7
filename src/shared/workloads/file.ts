/** io.file: each task writes, fsyncs, reads back and deletes a temp file. */
import { fnv1a, foldTaskChecksum, mix32 } from './checksum';
import { LabError } from '../errors';
import { intParam, paramValue } from './params';
import { deterministicBytes } from './prng';
import type { WorkloadDefinition } from './types';

const BYTES = intParam(
  'bytes',
  'File size',
  { min: 1, max: 64 * 1024 * 1024, default: 1024 * 1024 },
  'bytes',
);

/** The bytes task `taskIndex` writes; the seed's tag keeps them apart from other payloads. */
function fileContents(taskIndex: number, bytes: number): Uint8Array {
  return deterministicBytes(mix32(taskIndex ^ 0xf11e0000), bytes);
}

/** io.file: each task's checksum is the FNV-1a hash of the bytes it read back. */
export const fileWorkload: WorkloadDefinition = {
  id: 'io.file',
  label: 'File round trip',
  kind: 'io',
  description: 'Writes a temp file, fsyncs it, reads it back and deletes it.',
  params: [BYTES],
  defaultTasks: 200,
  sizing: { by: 'tasks' },
  needs: ['file'],
  async runTask(params, taskIndex, _taskCount, env) {
    if (!env.fileRoundTrip) {
      throw new LabError(
        'unavailable',
        'io.file needs file access, which this host does not provide',
      );
    }
    const data = fileContents(taskIndex, paramValue(params, BYTES));
    return fnv1a(await env.fileRoundTrip(`task-${taskIndex}.bin`, data));
  },
  reference(params, taskCount) {
    const bytes = paramValue(params, BYTES);
    let acc = 0;
    for (let i = 0; i < taskCount; i++)
      acc = foldTaskChecksum(acc, i, fnv1a(fileContents(i, bytes)));
    return acc;
  },
};
