import { defineModel } from './model-info';

export const pythonAsyncio = defineModel({
  id: 'python-asyncio',
  label: 'Python asyncio',
  noun: 'Python asyncio',
  shortLabel: 'Py asyncio',
  colour: '#b59f3b',
  summary: 'Coroutines on one Python thread',
  runtime: 'python',
  isParallel: false,
  card: "Coroutines on one event loop in one thread, like Node's event loop. Look for: many waits overlapping at each await, and one task at a time on CPU work.",
  pipeline: { transport: 'async-queue', queue: 'asyncio.Queue (one thread)' },
});
