import { defineModel } from './model-info';

/** Python's models pool their own workers in one Python process (src/python/corelab). */
export const pythonMultiprocessing = defineModel({
  id: 'python-multiprocessing',
  label: 'Python multiprocessing',
  noun: 'Python multiprocessing',
  shortLabel: 'Py processes',
  // Python's family: olive and lime greens, apart from the Node models' blues and teals.
  colour: '#4d7c0f',
  summary: 'Python processes, one GIL each',
  runtime: 'python',
  isParallel: true,
  card: 'A pool of Python processes, each with its own interpreter and its own GIL. Look for: CPU work spread over the cores, each process costing start-up and memory.',
  pipeline: { transport: 'message-passing', queue: 'multiprocessing.Queue between processes' },
});
