/**
 * How the renderer reaches LabApi: `window.lab` where the Electron preload put it, otherwise
 * a WebSocket to the browser-mode server (/lab?token=… from the page URL) that reconnects
 * with backoff and reports its state, so the UI can say "disconnected" instead of hanging.
 */
import { LabError, errorMessage } from '../shared/errors';
import type { LabApi } from '../shared/lab-api';
import { mapRejections, unfoldErrorCode } from '../shared/lab-bridge-errors';
import { createLabClient } from '../shared/lab-client-core';
import type { LabChannel } from '../shared/lab-wire';

/** Where the connection to the engine stands. */
export type LabConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  /** `retryInMs` is null when retrying cannot help (no token in the page URL). */
  | { status: 'disconnected'; reason: string; retryInMs: number | null };

/** The part of the DOM WebSocket this module uses (the `ws` package's client fits too). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** What the transport needs from its surroundings; the browser's by default. */
export interface LabTransportEnv {
  /** The preload's API, where there is one. */
  lab?: LabApi;
  /** The page URL; its `token` parameter authenticates the WebSocket. */
  pageUrl: string;
  openSocket(url: string): WebSocketLike;
  log?: (message: string) => void;
}

/** One connection to the engine. */
export interface LabConnection {
  /** Resolves once the API can be called: at once for window.lab, else on the first open. */
  ready: Promise<LabApi>;
  getState(): LabConnectionState;
  /** Calls `listener` with the current state now and with every change; returns unsubscribe. */
  onState(listener: (state: LabConnectionState) => void): () => void;
  /** Stops reconnecting and closes the socket. */
  close(): void;
}

const OPEN = 1;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/** Backoff before reconnect attempt `attempt` (0-based): doubling, capped, with jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  // Jitter keeps several tabs from reconnecting in lockstep after a server restart.
  return Math.round(base * (0.75 + 0.5 * random()));
}

/** The WebSocket URL of LabApi for a page served by `corelab serve`, or null without a token. */
export function labSocketUrl(pageUrl: string): string | null {
  const page = new URL(pageUrl);
  const token = page.searchParams.get('token');
  if (!token) return null;
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}/lab?token=${encodeURIComponent(token)}`;
}

/** Opens the connection `env` calls for. */
export function openLabConnection(env: LabTransportEnv): LabConnection {
  const log = env.log ?? ((message: string) => console.warn(message));
  const stateListeners = new Set<(state: LabConnectionState) => void>();
  let state: LabConnectionState = { status: 'connecting' };
  const setState = (next: LabConnectionState): void => {
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };
  const connection = (ready: Promise<LabApi>, close: () => void): LabConnection => ({
    ready,
    getState: () => state,
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => void stateListeners.delete(listener);
    },
    close,
  });

  if (env.lab) {
    state = { status: 'connected' };
    // The preload folded LabError codes into messages to cross the contextBridge.
    return connection(Promise.resolve(mapRejections(env.lab, unfoldErrorCode)), () => undefined);
  }
  const url = labSocketUrl(env.pageUrl);
  if (!url) {
    const reason =
      'this page was opened without its token: open the URL that `corelab serve` printed';
    state = { status: 'disconnected', reason, retryInMs: null };
    const failed = Promise.reject(new LabError('unavailable', reason));
    // The state already says why; a page that only watches the state must not see this as
    // an unhandled rejection.
    failed.catch(() => undefined);
    return connection(failed, () => undefined);
  }

  const messageListeners: ((message: unknown) => void)[] = [];
  const closeListeners: ((reason: LabError) => void)[] = [];
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let isClosed = false;
  let resolveReady!: (lab: LabApi) => void;
  const ready = new Promise<LabApi>((resolve) => (resolveReady = resolve));

  const channel: LabChannel = {
    send(message) {
      if (!socket || socket.readyState !== OPEN) {
        throw new LabError('unavailable', 'not connected to the Corelab server; reconnecting');
      }
      socket.send(JSON.stringify(message));
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onClose: (listener) => void closeListeners.push(listener),
  };
  const lab = createLabClient(channel, { log });

  const connect = (): void => {
    retryTimer = null;
    const current = env.openSocket(url);
    socket = current;
    setState({ status: 'connecting' });
    current.addEventListener('open', () => {
      attempt = 0;
      setState({ status: 'connected' });
      resolveReady(lab);
    });
    current.addEventListener('message', (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch (error) {
        log(`lab socket: dropped a message that is not JSON (${errorMessage(error)})`);
        return;
      }
      for (const listener of messageListeners) listener(message);
    });
    // 'error' is always followed by 'close', which does the work; listening keeps the
    // browser from reporting it as unhandled.
    current.addEventListener('error', () => undefined);
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      const lost = new LabError('unavailable', 'lost the connection to the Corelab server');
      for (const listener of closeListeners) listener(lost);
      if (isClosed) return;
      const delayMs = retryDelayMs(attempt++);
      setState({
        status: 'disconnected',
        reason: 'cannot reach the Corelab server (stopped, or the token in the URL is wrong)',
        retryInMs: delayMs,
      });
      retryTimer = setTimeout(connect, delayMs);
    });
  };
  connect();

  return connection(ready, () => {
    isClosed = true;
    if (retryTimer) clearTimeout(retryTimer);
    socket?.close(1000, 'page closing');
  });
}

let defaultConnection: LabConnection | null = null;

/** The page's one connection, opened on first use. */
function pageConnection(): LabConnection {
  defaultConnection ??= openLabConnection({
    lab: window.lab,
    pageUrl: window.location.href,
    openSocket: (url) => new WebSocket(url),
  });
  return defaultConnection;
}

/** The LabApi of this page: window.lab in the desktop app, the WebSocket in browser mode. */
export function connectLab(): Promise<LabApi> {
  return pageConnection().ready;
}

/** Follows the page's connection state (always 'connected' in the desktop app). */
export function onLabConnectionState(listener: (state: LabConnectionState) => void): () => void {
  return pageConnection().onState(listener);
}
