import { defineModel } from './model-info';

/** Started by the page itself (src/renderer/renderer-models). */
export const webWorkers = defineModel({
  id: 'web-workers',
  label: 'Web Workers',
  noun: 'Web Workers',
  shortLabel: 'Web Workers',
  colour: '#0ea5c6',
  summary: 'Parallel threads started by this page',
  runtime: 'renderer',
  isParallel: true,
  card: 'Threads spawned by the page, off the UI thread. Look for: cores busy in parallel while the frame delay stays low.',
  pipeline: { transport: 'shared-memory', transportWithoutIsolation: 'message-passing' },
});
