/** Pipeline participants in Node: worker_threads for the shared-memory queue, forks for messages. */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { serializeError, type SerializedError } from '../../../shared/errors';
import {
  isPipelinePeerMessage,
  type PeerExit,
  type PipelinePeer,
  type PipelinePeerSpawner,
} from '../../../shared/pipeline/pipeline-protocol';

/** Calls the exit listener once, whichever of 'error' and 'exit' comes first. */
function onceExit(): { set(listener: (exit: PeerExit) => void): void; fire(exit: PeerExit): void } {
  let listener: ((exit: PeerExit) => void) | null = null;
  let fired: PeerExit | null = null;
  return {
    set(next) {
      listener = next;
      if (fired) next(fired);
    },
    fire(exit) {
      if (fired) return;
      fired = exit;
      listener?.(exit);
    },
  };
}

/** Each participant is a worker_threads Worker running pipeline-thread.js. */
export function threadPeerSpawner(script: string): PipelinePeerSpawner {
  return (): PipelinePeer => {
    const worker = new Worker(script);
    const exit = onceExit();
    let crash: SerializedError | undefined;
    worker.on('error', (error) => (crash = serializeError(error)));
    worker.on('exit', (code) => exit.fire({ code, signal: null, error: crash }));
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) =>
        worker.on('message', (message: unknown) => {
          if (isPipelinePeerMessage(message)) listener(message);
        }),
      onExit: (listener) => exit.set(listener),
      kill: () => void worker.terminate(),
    };
  };
}

/** Each participant is a forked Node process running pipeline-process.js. */
export function processPeerSpawner(script: string): PipelinePeerSpawner {
  return (): PipelinePeer => {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exit = onceExit();
    child.on('error', (error) => {
      // Only a failed spawn ends the participant here; once it runs, 'exit' says how it ended.
      if (child.pid === undefined)
        exit.fire({ code: null, signal: null, error: serializeError(error) });
    });
    child.on('exit', (code, signal) => exit.fire({ code, signal }));
    return {
      post: (message) => {
        // A child that died since our last look cannot take the message; its 'exit' says why.
        if (child.connected) child.send(message, (error) => void error);
      },
      onMessage: (listener) =>
        child.on('message', (message: unknown) => {
          if (isPipelinePeerMessage(message)) listener(message);
        }),
      onExit: (listener) => exit.set(listener),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
