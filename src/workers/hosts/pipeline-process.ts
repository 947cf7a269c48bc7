/**
 * child_process.fork host of a pipeline producer or consumer: adapts the IPC channel to the
 * pipeline protocol. Electron's utilityProcess runs this same file through process.parentPort.
 */
import {
  isPipelineHostMessage,
  type PipelinePeerMessage,
} from '../../shared/pipeline/pipeline-protocol';
import { servePipelinePeer } from '../../shared/pipeline/serve-pipeline-peer';
import { osThread } from '../os-thread-id';
import { parentChannel } from '../parent-channel';

const channel = parentChannel<PipelinePeerMessage>('pipeline-process.js');

// No orphans: when the parent dies the IPC channel closes, and we leave with it.
process.on('disconnect', () => process.exit(0));

servePipelinePeer(
  {
    post: (message) => channel.post(message),
    onMessage: (listener) =>
      channel.on((message) => {
        if (isPipelineHostMessage(message)) listener(message);
      }),
  },
  () => channel.exitWhenFlushed(),
  osThread(),
);
