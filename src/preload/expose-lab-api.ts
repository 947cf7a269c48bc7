/** Builds the preload's LabApi on Electron IPC and hands it to the page. */
import type { ContextBridge, IpcRenderer } from 'electron';
import type { LabApi } from '../shared/lab-api';
import { foldErrorCode, mapRejections } from '../shared/lab-bridge-errors';
import { createLabClient } from '../shared/lab-client-core';
import { LAB_IPC, errorReply, type LabChannel } from '../shared/lab-wire';

/** A LabChannel on IPC: each request is one invoke whose answer is delivered as a reply. */
function ipcChannel(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): LabChannel {
  const listeners: ((message: unknown) => void)[] = [];
  const deliver = (message: unknown): void => listeners.forEach((listener) => listener(message));
  ipc.on(LAB_IPC.event, (_event, message: unknown) => deliver(message));
  return {
    send(message) {
      if (message.type !== 'request') return;
      ipc.invoke(LAB_IPC.request, message).then(deliver, (error: unknown) =>
        // The main process had no handler or failed to answer: still one reply per request.
        deliver(errorReply(message.id, error)),
      );
    },
    onMessage: (listener) => void listeners.push(listener),
  };
}

/** Exposes LabApi over `ipc` as window.lab, error codes folded into messages for the bridge. */
export function exposeLabApi(
  bridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipc: Pick<IpcRenderer, 'invoke' | 'on'>,
): void {
  const lab: LabApi = mapRejections(createLabClient(ipcChannel(ipc)), foldErrorCode);
  bridge.exposeInMainWorld('lab', lab);
}
