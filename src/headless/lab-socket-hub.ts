/**
 * LabApi for every WebSocket client of browser mode at once. Events are serialised once into
 * one frame that every client's socket shares (a 100,000-task run-done is ~19 MB: a copy per
 * client cost 1.2 GB with 20 clients, issue 14), and each client gets backpressure of its own:
 * past PAUSE_BYTES of unsent data (or MAX_IN_FLIGHT unanswered requests) the server stops
 * reading it, so it cannot queue more replies, and past DROP_BYTES it is cut off.
 */
import type { RawData, WebSocket } from 'ws';
import { invalidArgument } from '../shared/errors';
import type { LabApi } from '../shared/lab-api';
import { handleLabRequest } from '../shared/lab-server-core';
import { errorReply, type WireMessage } from '../shared/lab-wire';

/** Above this much unsent data a client is slow: it is not read and gets no core samples. */
export const PAUSE_BYTES = 8 * 1024 * 1024;
/**
 * Above this much unsent data a client is cut off. Larger than any one message (a loaded
 * 50 MiB snapshot, a run-done of several 100,000-task models) so a reading client never is.
 */
export const DROP_BYTES = 192 * 1024 * 1024;
/** Requests of one client being answered at once; more wait in its socket, unread. */
export const MAX_IN_FLIGHT = 32;

/** One client's budget; the constants above unless a test asks for smaller. */
export interface ClientLimits {
  pauseBytes: number;
  dropBytes: number;
  maxInFlight: number;
}
const DEFAULT_LIMITS: ClientLimits = {
  pauseBytes: PAUSE_BYTES,
  dropBytes: DROP_BYTES,
  maxInFlight: MAX_IN_FLIGHT,
};
/** How often a paused client is looked at again (ws has no drain event of its own). */
const RESUME_POLL_MS = 50;

/** The shared frames' hub: add() serves one more socket until it closes. */
export interface LabSocketHub {
  add(socket: WebSocket): void;
  /** Stops forwarding events; the sockets themselves are closed by their owner. */
  close(): void;
}

interface Client {
  socket: WebSocket;
  inFlight: number;
  /**
   * Requests read but not yet started. A paused socket still delivers the rest of the chunk
   * ws already read (up to 64 KiB of frames), so this stays that small.
   */
  waiting: { data: RawData; isBinary: boolean }[];
  resumeTimer: NodeJS.Timeout | null;
}

/** Serves `api` to every socket added, forwarding each event as one shared frame. */
export function createLabSocketHub(
  api: LabApi,
  log: (message: string) => void,
  overrides: Partial<ClientLimits> = {},
): LabSocketHub {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  const clients = new Set<Client>();

  const isOverBudget = (client: Client): boolean =>
    client.socket.bufferedAmount > limits.pauseBytes || client.inFlight >= limits.maxInFlight;

  /** Sends one frame; cuts the client off when its unsent data passes dropBytes. */
  const sendFrame = (client: Client, frame: Buffer): void => {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    socket.send(frame, { binary: false });
    if (socket.bufferedAmount > limits.dropBytes) {
      log(
        `lab socket: a client left ${Math.round(socket.bufferedAmount / 2 ** 20)} MiB unread; disconnected`,
      );
      socket.terminate();
    }
  };

  /**
   * Starts waiting requests while the client is within its budget. Over it, the socket is
   * not read (so the client cannot queue more replies) and is looked at again shortly.
   */
  const pump = (client: Client): void => {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    while (client.waiting.length > 0 && !isOverBudget(client)) {
      const { data, isBinary } = client.waiting.shift()!;
      answer(client, data, isBinary).catch((error: unknown) =>
        log(`lab socket: could not answer: ${String(error)}`),
      );
    }
    if (!isOverBudget(client)) {
      if (socket.isPaused) socket.resume();
      return;
    }
    socket.pause();
    client.resumeTimer ??= setTimeout(() => {
      client.resumeTimer = null;
      pump(client);
    }, RESUME_POLL_MS);
  };

  const frameOf = (message: WireMessage): Buffer => Buffer.from(JSON.stringify(message));

  const broadcast = (message: WireMessage, isLossy: boolean): void => {
    if (clients.size === 0) return;
    let frame: Buffer | null = null;
    for (const client of clients) {
      // Core samples are a lossy stream: a slow client skips them rather than queue them.
      if (isLossy && client.socket.bufferedAmount > limits.pauseBytes) continue;
      frame ??= frameOf(message);
      sendFrame(client, frame);
      // Over its budget now: read no more requests until the client catches up.
      if (isOverBudget(client)) pump(client);
    }
  };

  // Subscribed while anyone listens, so an idle server costs the engine nothing.
  let unsubscribers: (() => void)[] = [];
  const subscribe = (): void => {
    unsubscribers = [
      api.onCoreSample((payload) =>
        broadcast({ type: 'event', channel: 'core-sample', payload }, true),
      ),
      api.onEvent((payload) => broadcast({ type: 'event', channel: 'lab-event', payload }, false)),
    ];
  };
  const unsubscribe = (): void => {
    for (const stop of unsubscribers) stop();
    unsubscribers = [];
  };

  const answer = async (client: Client, data: RawData, isBinary: boolean): Promise<void> => {
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      message = JSON.parse(data.toString());
    } catch {
      // Not JSON text: answer like any other malformed request instead of dropping it.
      sendFrame(client, frameOf(errorReply(null, invalidArgument('message', 'must be JSON text'))));
      return;
    }
    client.inFlight++;
    try {
      sendFrame(client, frameOf(await handleLabRequest(api, message)));
    } finally {
      client.inFlight--;
      pump(client);
    }
  };

  return {
    add(socket) {
      const client: Client = { socket, inFlight: 0, waiting: [], resumeTimer: null };
      if (clients.size === 0) subscribe();
      clients.add(client);
      socket.on('message', (data: RawData, isBinary: boolean) => {
        client.waiting.push({ data, isBinary });
        pump(client);
      });
      socket.on('close', () => {
        clients.delete(client);
        if (client.resumeTimer) clearTimeout(client.resumeTimer);
        if (clients.size === 0) unsubscribe();
      });
    },
    close: unsubscribe,
  };
}
