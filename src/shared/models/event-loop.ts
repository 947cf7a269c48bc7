import { defineModel } from './model-info';

export const eventLoop = defineModel({
  id: 'event-loop',
  label: 'Event loop (async/await)',
  noun: 'the event loop',
  shortLabel: 'Event loop',
  colour: '#e0a030',
  summary: 'One thread; tasks take turns at await',
  runtime: 'node',
  isParallel: false,
  card: 'One thread interleaves tasks at each await. Look for: on I/O work many tasks wait at once; on CPU work about one core busy, one task at a time.',
  // A thread of its own, so the engine's loop stays free (a utility process in the app).
  spawn: { kind: 'shared-thread', host: 'event-loop-host' },
  pipeline: { transport: 'async-queue' },
});
