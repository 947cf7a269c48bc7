/**
 * A single-thread pipeline on a thread of its own: the event-loop model's async queue, its
 * producers and consumers all run in one host (a worker thread, or a utility process in the
 * app), so the engine's loop only relays tallies and never runs a consumer's work.
 * `serveHostedBackend` is the host's half, `createHostedBackend` the engine's.
 */
import { LabError, serializeError, type SerializedError } from '../errors';
import { createInProcessBackend } from './in-process-backend';
import type { BackendEnd, PipelineBackend } from './pipeline-backend';
import type { PipelineConfig } from './pipeline-config';
import type { PeerExit } from './pipeline-protocol';
import type { PipelineTally } from './pipeline-tally';
import type { WatchedThreadId } from '../sampler-protocol';

/** From the engine to the host. */
export type ToPipelineHost =
  | { type: 'start'; config: PipelineConfig; transportNote: string }
  | { type: 'go' }
  | { type: 'stop-producers' }
  | { type: 'halt' };

/** From the host to the engine. */
export type FromPipelineHost =
  /** `thread`: the one OS thread that runs every producer and consumer, where known. */
  | { type: 'ready'; thread?: WatchedThreadId | null }
  | { type: 'tally'; tally: PipelineTally }
  | { type: 'depth'; depth: number }
  | { type: 'failure'; error: SerializedError }
  | { type: 'ended'; end: BackendEnd };

const HOST_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'ready',
  'tally',
  'depth',
  'failure',
  'ended',
]);

/** Type guard for a message arriving at the engine from a pipeline host. */
export function isFromPipelineHost(value: unknown): value is FromPipelineHost {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && HOST_MESSAGE_TYPES.has(type);
}

/** Type guard for a message arriving at a pipeline host. */
export function isToPipelineHost(value: unknown): value is ToPipelineHost {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'start' || type === 'go' || type === 'stop-producers' || type === 'halt';
}

/** The host as the engine sees it (a thread or process handle). */
export interface PipelineHost {
  post(message: ToPipelineHost): void;
  onMessage(listener: (message: FromPipelineHost) => void): void;
  onExit(listener: (exit: PeerExit) => void): void;
  kill(): void;
}

/** The least a transport offers the host: send one message, receive them all. */
export interface PipelineHostPort {
  post(message: FromPipelineHost): void;
  onMessage(listener: (message: ToPipelineHost) => void): void;
}

/** How often the host reports its queue's depth, which the engine samples every 250 ms. */
const DEPTH_REPORT_MS = 100;

/**
 * Serves one pipeline on this thread; `exit` ends the host once its last message has left.
 * `thread` is this thread's OS id where the host can tell, for the engine's sampler.
 */
export function serveHostedBackend(
  port: PipelineHostPort,
  exit: () => void,
  thread: WatchedThreadId | null = null,
): void {
  let backend: PipelineBackend | null = null;
  port.onMessage((message) => {
    if (message.type !== 'start') {
      if (message.type === 'go') backend?.go();
      else if (message.type === 'stop-producers') backend?.stopProducers();
      else backend?.halt();
      return;
    }
    const started = createInProcessBackend(message.config, message.transportNote);
    backend = started;
    const depthTimer = setInterval(
      () => port.post({ type: 'depth', depth: started.depth() }),
      DEPTH_REPORT_MS,
    );
    void started.ended.then((end) => {
      clearInterval(depthTimer);
      port.post({ type: 'ended', end });
      exit();
    });
    started
      .start(
        (tally) => port.post({ type: 'tally', tally }),
        (error) => port.post({ type: 'failure', error }),
      )
      .then(
        () => port.post({ type: 'ready', thread }),
        (error: unknown) => {
          port.post({ type: 'failure', error: serializeError(error) });
          exit();
        },
      );
  });
}

/** The engine's half: `spawnHost` starts the host, which runs `config` on its one loop. */
export function createHostedBackend(
  config: PipelineConfig,
  spawnHost: () => PipelineHost,
  transportNote: string,
): PipelineBackend {
  let host: PipelineHost | null = null;
  let depth = 0;
  let maxDepth = 0;
  let isKilled = false;
  let isEnded = false;
  let resolveEnded: (end: BackendEnd) => void = () => undefined;
  const ended = new Promise<BackendEnd>((resolve) => (resolveEnded = resolve));
  const end = (backendEnd: BackendEnd): void => {
    if (isEnded) return;
    isEnded = true;
    resolveEnded(backendEnd);
  };

  return {
    transport: 'async-queue',
    transportNote,
    hasLock: false,
    start: (onTally, onFailure, onThread) =>
      new Promise<void>((resolve, reject) => {
        let isReady = false;
        const fail = (error: SerializedError): void => {
          if (isReady) onFailure(error);
          else reject(new LabError('worker-crashed', error.message));
        };
        const started = spawnHost();
        host = started;
        started.onMessage((message) => {
          switch (message.type) {
            case 'ready': {
              isReady = true;
              // Every producer and consumer runs on the host's one thread.
              const { thread } = message;
              if (thread) {
                for (let p = 0; p < config.producers + config.consumers; p++) onThread?.(p, thread);
              }
              resolve();
              return;
            }
            case 'tally':
              onTally(message.tally);
              return;
            case 'depth':
              depth = message.depth;
              maxDepth = Math.max(maxDepth, depth);
              return;
            case 'failure':
              fail(message.error);
              return;
            case 'ended':
              end(message.end);
              // Its last message is in: the host has nothing more to say.
              started.kill();
              return;
          }
        });
        started.onExit((exit) => {
          if (isEnded) return;
          // One host ran every producer and consumer: killing it terminated all of them.
          if (isKilled) {
            end({
              leftInQueue: depth,
              maxDepth,
              terminated: config.producers + config.consumers,
              error: null,
            });
            return;
          }
          const error =
            exit.error ??
            serializeError(
              new LabError(
                'worker-crashed',
                `the event loop's host exited (code ${exit.code}, signal ${exit.signal})`,
              ),
            );
          fail(error);
          end({ leftInQueue: depth, maxDepth, terminated: 0, error });
        });
        started.post({ type: 'start', config, transportNote });
      }),
    go: () => host?.post({ type: 'go' }),
    depth: () => depth,
    stopProducers: () => host?.post({ type: 'stop-producers' }),
    halt: () => host?.post({ type: 'halt' }),
    kill: () => {
      if (!host || isEnded) return;
      isKilled = true;
      host.kill();
    },
    ended,
  };
}
