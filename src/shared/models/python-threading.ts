import { defineModel } from './model-info';

export const pythonThreading = defineModel({
  id: 'python-threading',
  label: 'Python threading',
  noun: 'Python threading',
  shortLabel: 'Py threads',
  colour: '#8fb31b',
  summary: 'Python threads sharing one GIL',
  runtime: 'python',
  // Under the GIL only one thread runs Python code at a time (free-threaded builds aside).
  isParallel: false,
  card: 'Python threads pulling tasks from a queue; a thread waiting on I/O lets go of the GIL. Look for: waits overlapping on I/O work, and about one core busy on CPU work, however many threads.',
  pipeline: { transport: 'shared-memory', queue: 'queue.Queue between threads (under the GIL)' },
});
