import { defineModel } from './model-info';

/** Run by the page itself (src/renderer/renderer-models). */
export const rendererMain = defineModel({
  id: 'renderer-main',
  label: 'Renderer main thread',
  noun: "the renderer's main thread",
  shortLabel: 'UI thread',
  colour: '#e5486b',
  summary: "This page's own UI thread, one core",
  runtime: 'renderer',
  isParallel: false,
  card: 'Runs the work on the UI thread itself. Look for the frame delay: while it computes, the page cannot paint or respond.',
  pipeline: { transport: 'async-queue' },
});
