/**
 * child_process.fork host of a pipeline producer or consumer: adapts the IPC channel to the
 * pipeline protocol. Electron's utilityProcess runs this same file through process.parentPort.
 */
import {
  isPipelineHostMessage,
  type PipelinePeerMessage,
} from '../shared/pipeline/pipeline-protocol';
import { servePipelinePeer } from '../shared/pipeline/serve-pipeline-peer';

/** The slice of Electron's process.parentPort this host uses (no Electron import here). */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

interface ParentChannel {
  post(message: PipelinePeerMessage): void;
  on(listener: (message: unknown) => void): void;
  /** Exits once every message posted so far has left the process. */
  exitWhenFlushed(): void;
}

/** Electron's utility process speaks through process.parentPort; a fork through process.send. */
function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      on: (listener) => electronPort.on('message', (event) => listener(event.data)),
      exitWhenFlushed: () => setImmediate(() => process.exit(0)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('pipeline-process.js must be started with an IPC channel (fork)');
  // process.send is asynchronous: exiting before its callback would drop the final tally.
  let pending = 0;
  let isExitWanted = false;
  const exitIfFlushed = (): void => {
    if (isExitWanted && pending === 0) process.exit(0);
  };
  return {
    post: (message) => {
      pending++;
      send(message, undefined, undefined, () => {
        pending--;
        exitIfFlushed();
      });
    },
    on: (listener) => process.on('message', listener),
    exitWhenFlushed: () => {
      isExitWanted = true;
      exitIfFlushed();
    },
  };
}

const channel = parentChannel();

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
);
