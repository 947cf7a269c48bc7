/** worker_threads host of a pipeline producer or consumer: adapts parentPort to the pipeline protocol. */
import { parentPort } from 'node:worker_threads';
import { isPipelineHostMessage } from '../../shared/pipeline/pipeline-protocol';
import { servePipelinePeer } from '../../shared/pipeline/serve-pipeline-peer';
import { osThread } from '../os-thread-id';

const port = parentPort;
if (!port) throw new Error('pipeline-thread.js must run as a worker thread');

servePipelinePeer(
  {
    post: (message) => port.postMessage(message),
    onMessage: (listener) =>
      port.on('message', (message: unknown) => {
        if (isPipelineHostMessage(message)) listener(message);
      }),
  },
  // Closing the port lets the thread end once what it posted has been delivered.
  () => port.close(),
  osThread(),
);
