import { defineModel } from './model-info';

export const workerThreads = defineModel({
  id: 'worker-threads',
  label: 'Worker threads',
  noun: 'worker threads',
  shortLabel: 'Threads',
  colour: '#3b82f6',
  summary: 'Parallel threads in one Node process',
  runtime: 'node',
  isParallel: true,
  card: 'Threads inside one process, each with its own JS engine instance; they can share memory. Look for: on CPU work, as many cores busy as workers, up to the cores there are.',
  spawn: { kind: 'thread', host: 'worker-thread' },
  pipeline: { transport: 'shared-memory' },
});
