/**
 * LabApi over Electron IPC, main side: one invoke handler that checks the sender and
 * validates the payload with the lab-wire schemas, and an event forwarder per window.
 * Window lookup stays with the caller (STYLE.md §2): it passes the predicate and the target.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { LabError } from '../shared/errors';
import type { LabApi } from '../shared/lab-api';
import { handleLabRequest } from '../shared/lab-server-core';
import { LAB_IPC, errorReply, type EventMessage, type ReplyMessage } from '../shared/lab-wire';
import { isAppUrl } from './trusted-origin';

/** Decides whether an IPC call comes from one of Corelab's own windows and pages. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * The desktop app's SenderCheck: the top frame of one of `ownContents`, showing a page of
 * `origins`. Another window, a subframe, or our own window after it left the app are refused.
 */
export function ownWindowSenderCheck(
  ownContents: ReadonlySet<WebContents>,
  origins: readonly string[],
): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return (
      ownContents.has(event.sender) &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url, origins)
    );
  };
}

/** Answers LabApi requests from trusted senders; returns the function that removes the handler. */
export function setupIpc(ipcMain: IpcMain, api: LabApi, isTrustedSender: SenderCheck): () => void {
  ipcMain.handle(
    LAB_IPC.request,
    (event, message: unknown): Promise<ReplyMessage> | ReplyMessage => {
      if (!isTrustedSender(event)) {
        // Not a throw: Electron would log it with a stack; the frame gets a typed refusal.
        return errorReply(
          null,
          new LabError('unavailable', 'the Lab API is only for Corelab windows'),
        );
      }
      return handleLabRequest(api, message);
    },
  );
  return () => ipcMain.removeHandler(LAB_IPC.request);
}

/** Sends every core sample and lab event to `target` until it is destroyed. */
export function forwardLabEvents(api: LabApi, target: WebContents): () => void {
  const send = (message: EventMessage): void => {
    if (!target.isDestroyed()) target.send(LAB_IPC.event, message);
  };
  const unsubscribers = [
    api.onCoreSample((payload) => send({ type: 'event', channel: 'core-sample', payload })),
    api.onEvent((payload) => send({ type: 'event', channel: 'lab-event', payload })),
  ];
  const stop = (): void => unsubscribers.forEach((unsubscribe) => unsubscribe());
  target.once('destroyed', stop);
  return stop;
}
