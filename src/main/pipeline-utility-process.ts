/**
 * The utility-process pipeline: each producer and consumer is an Electron utilityProcess
 * running the same pipeline-process.js as the child-process model (it talks through
 * process.parentPort there); the engine is the broker.
 */
import { utilityProcess } from 'electron';
import {
  isPipelinePeerMessage,
  type PeerExit,
  type PipelinePeer,
  type PipelinePeerSpawner,
} from '../shared/pipeline/pipeline-protocol';
import type { UtilityFork } from './utility-process-runner';

/** A spawner that forks `script` (out/main/…/pipeline-process.js) as utility processes. */
export function utilityPipelineSpawner(
  script: string,
  fork: UtilityFork = (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
): PipelinePeerSpawner {
  return (role, index): PipelinePeer => {
    const child = fork(script, [], {
      serviceName: `Corelab pipeline ${role} ${index}`,
      stdio: 'inherit',
    });
    let exit: PeerExit | null = null;
    let crash: string | null = null;
    let onExit: ((exit: PeerExit) => void) | null = null;
    // 'error' (a fatal V8 error) is always followed by 'exit'; keep its reason for that.
    child.on('error', (type, location) => (crash = `${type} at ${location}`));
    child.on('exit', (code) => {
      exit = {
        code,
        signal: null,
        ...(crash ? { error: { name: 'Error', message: `utility process ${crash}` } } : {}),
      };
      onExit?.(exit);
    });
    return {
      // Electron queues messages until the process has started.
      post: (message) => {
        if (!exit) child.postMessage(message);
      },
      onMessage: (listener) =>
        child.on('message', (message: unknown) => {
          if (isPipelinePeerMessage(message)) listener(message);
        }),
      onExit: (listener) => {
        onExit = listener;
        if (exit) listener(exit);
      },
      kill: () => void child.kill(),
    };
  };
}
