/**
 * The event-loop model's host: a worker thread in the CLI and browser mode, an Electron
 * utility process in the app (started by the engine with one or the other). Its one event
 * loop runs every task of the run with async/await; the engine's loop never runs a kernel.
 */
import { parentPort } from 'node:worker_threads';
import { serveSharedThread, isToSharedThread } from '../../shared/pool/shared-thread';
import type { FromSharedThread } from '../../shared/pool/shared-thread';
import { loopLateness, startLoopDelayHistogram } from '../../node/loop-delay';
import { createNodeTaskEnv } from '../node-task-env';
import { parentChannel } from '../parent-channel';
import { osThreadId } from '../os-thread-id';
import { processUsage } from '../process-usage';

// The model's own lag: how late this loop ran while its tasks shared it.
const histogram = startLoopDelayHistogram();
const threadPort = parentPort;
const processChannel = threadPort ? null : parentChannel<FromSharedThread>('event-loop-host.js');
// No orphans: when the parent process dies the channel closes, and we leave with it.
if (processChannel) process.on('disconnect', () => process.exit(0));

serveSharedThread(
  {
    post: (message) =>
      threadPort ? threadPort.postMessage(message) : processChannel!.post(message),
    onMessage: (listener) => {
      const deliver = (message: unknown): void => {
        if (isToSharedThread(message)) listener(message);
      };
      if (threadPort) threadPort.on('message', deliver);
      else processChannel!.on(deliver);
    },
  },
  {
    pid: process.pid,
    tid: osThreadId(),
    makeEnv: (io) => createNodeTaskEnv(io),
    lateness: () => loopLateness(histogram),
    // A thread's CPU time and memory are its process's, which the engine measures itself.
    ...(threadPort ? {} : { usage: processUsage }),
    exit: () => (threadPort ? threadPort.close() : processChannel!.exitWhenFlushed()),
  },
);
