/**
 * A pipeline participant, written once: every host in src/workers (a worker thread, a
 * child or utility process, a Web Worker) adapts its transport to a port and calls this.
 */
import { serializeError } from '../errors';
import { createMessageRole, type MessageRole } from './message-roles';
import type { PipelinePeerPort } from './pipeline-protocol';
import type { WatchedThreadId } from '../sampler-protocol';
import { runSharedMemoryRole } from './shared-memory-roles';

/**
 * Serves one role on `port`; `exit` ends the participant once its last message has left.
 * `thread` is the OS thread the role runs on, where the host can tell, for the engine's sampler.
 */
export function servePipelinePeer(
  port: PipelinePeerPort,
  exit: () => void,
  thread: WatchedThreadId | null = null,
): void {
  let role: MessageRole | null = null;
  port.onMessage((message) => {
    try {
      if (message.type !== 'init') {
        role?.handle(message);
        return;
      }
      if (message.buffer) {
        port.post({ type: 'ready', thread });
        // Blocks this thread until the role ends: control arrives through shared memory.
        runSharedMemoryRole(
          {
            role: message.role,
            index: message.index,
            config: message.config,
            buffer: message.buffer,
          },
          (tally) => port.post({ type: 'tally', tally }),
        );
        port.post({ type: 'bye' });
        exit();
        return;
      }
      role = createMessageRole(
        message.role,
        message.index,
        message.config,
        (m) => port.post(m),
        exit,
      );
      port.post({ type: 'ready', thread });
    } catch (error) {
      port.post({ type: 'error', error: serializeError(error) });
      exit();
    }
  });
}
