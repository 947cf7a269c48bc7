import { defineModel } from './model-info';

/** Spawned by the desktop app's main process (src/main/utility-process-runner.ts). */
export const utilityProcess = defineModel({
  id: 'utility-process',
  label: 'Electron utility processes',
  noun: 'Electron utility processes',
  shortLabel: 'Utility proc.',
  colour: '#8b5cf6',
  summary: "Electron's own parallel processes",
  runtime: 'electron-main',
  isParallel: true,
  card: "Electron's own child process type, managed by the app, with Chromium's process model and sandboxing. Look for: figures close to child processes.",
  pipeline: { transport: 'message-passing' },
});
