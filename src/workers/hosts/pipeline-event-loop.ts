/**
 * The event-loop model's pipeline host: a worker thread in the CLI and browser mode, an
 * Electron utility process in the app. Its one loop runs every producer and consumer with
 * async/await; the engine's loop only relays what it reports.
 */
import { parentPort } from 'node:worker_threads';
import {
  isToPipelineHost,
  serveHostedBackend,
  type FromPipelineHost,
} from '../../shared/pipeline/hosted-backend';
import { osThread } from '../os-thread-id';
import { parentChannel } from '../parent-channel';

const threadPort = parentPort;
const processChannel = threadPort
  ? null
  : parentChannel<FromPipelineHost>('pipeline-event-loop.js');
// No orphans: when the parent process dies the channel closes, and we leave with it.
if (processChannel) process.on('disconnect', () => process.exit(0));

serveHostedBackend(
  {
    post: (message) =>
      threadPort ? threadPort.postMessage(message) : processChannel!.post(message),
    onMessage: (listener) => {
      const deliver = (message: unknown): void => {
        if (isToPipelineHost(message)) listener(message);
      };
      if (threadPort) threadPort.on('message', deliver);
      else processChannel!.on(deliver);
    },
  },
  // Closing the port lets the thread end once what it posted has been delivered.
  () => (threadPort ? threadPort.close() : processChannel!.exitWhenFlushed()),
  osThread(),
);
