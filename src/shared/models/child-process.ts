import { defineModel } from './model-info';

export const childProcess = defineModel({
  id: 'child-process',
  label: 'Child processes',
  noun: 'child processes',
  shortLabel: 'Processes',
  colour: '#10a37f',
  summary: 'Parallel Node processes',
  runtime: 'node',
  isParallel: true,
  card: 'Separate Node processes talking over IPC, isolated from each other (a crash stays contained). Look for: cores busy like threads, with a higher start-up and memory.',
  spawn: { kind: 'process', host: 'child-process' },
  pipeline: { transport: 'message-passing' },
});
