import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { exposeLabApi } from '../../../src/preload/expose-lab-api';
import type { LabApi } from '../../../src/shared/lab-api';
import { handleLabRequest } from '../../../src/shared/lab-server-core';
import { LAB_IPC, LAB_METHODS } from '../../../src/shared/lab-wire';
import { createFakeLabApi, HOST_INFO } from '../../fixtures/fake-lab-api';

/** Preload wiring with IPC answered by the real request handler over a fake API. */
function exposed(invoke?: (channel: string, message: unknown) => Promise<unknown>) {
  const api = createFakeLabApi();
  const worlds: Record<string, unknown> = {};
  const eventListeners: ((event: IpcRendererEvent, message: unknown) => void)[] = [];
  const invoked: [string, unknown][] = [];
  const ipc = {
    invoke: (channel: string, message: unknown) => {
      invoked.push([channel, message]);
      return invoke ? invoke(channel, message) : handleLabRequest(api, message);
    },
    on: (channel: string, listener: (event: IpcRendererEvent, message: unknown) => void) => {
      if (channel === LAB_IPC.event) eventListeners.push(listener);
      return ipc;
    },
  };
  const bridge = { exposeInMainWorld: (key: string, value: unknown) => (worlds[key] = value) };
  exposeLabApi(bridge as unknown as ContextBridge, ipc as unknown as IpcRenderer);
  const sendEvent = (message: unknown) =>
    eventListeners.forEach((listener) => listener({} as IpcRendererEvent, message));
  return { lab: worlds.lab as LabApi, worlds, invoked, sendEvent, api };
}

describe('the preload', () => {
  it('exposes window.lab and nothing else, with exactly the LabApi functions', () => {
    const { worlds, lab } = exposed();
    expect(Object.keys(worlds)).toEqual(['lab']);
    expect(Object.keys(lab).sort()).toEqual(
      [...Object.keys(LAB_METHODS), 'onCoreSample', 'onEvent'].sort(),
    );
    for (const value of Object.values(lab)) expect(typeof value).toBe('function');
  });

  it('calls through ipcRenderer.invoke on the lab channel', async () => {
    const { lab, invoked } = exposed();
    expect(await lab.getHostInfo()).toEqual(HOST_INFO);
    expect(invoked).toEqual([
      [LAB_IPC.request, { type: 'request', id: 1, method: 'getHostInfo', args: [] }],
    ]);
  });

  it('delivers validated events to subscribers and drops malformed ones', () => {
    const { lab, sendEvent } = exposed();
    const seen: number[] = [];
    const unsubscribe = lab.onCoreSample((sample) => seen.push(sample.t));
    sendEvent({ type: 'event', channel: 'core-sample', payload: { t: 1, cores: [3] } });
    sendEvent({ type: 'event', channel: 'core-sample', payload: { t: 'x' } });
    unsubscribe();
    sendEvent({ type: 'event', channel: 'core-sample', payload: { t: 2, cores: [3] } });
    expect(seen).toEqual([1]);
  });

  it('folds the error code into the message, the only part contextBridge copies', async () => {
    const { lab } = exposed();
    await expect(lab.cancel('unknown-run')).rejects.toThrow(
      /^LabError\[not-found\] no active run with id unknown-run$/,
    );
  });

  it('turns a failed invoke into a rejection instead of a hang', async () => {
    const { lab } = exposed(() =>
      Promise.reject(new Error("No handler registered for 'lab:request'")),
    );
    await expect(lab.getCapabilities()).rejects.toThrow(
      "LabError[internal] No handler registered for 'lab:request'",
    );
  });
});
