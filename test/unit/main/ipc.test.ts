import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { forwardLabEvents, ownWindowSenderCheck, setupIpc } from '../../../src/main/ipc';
import { LAB_IPC } from '../../../src/shared/lab-wire';
import { createFakeLabApi, HOST_INFO } from '../../fixtures/fake-lab-api';

type Handler = (event: IpcMainInvokeEvent, message: unknown) => unknown;

/** An ipcMain that keeps its handlers, so a test can invoke them as a renderer would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

const trusted = { senderFrame: { url: 'app://corelab/index.html' } } as IpcMainInvokeEvent;
const foreign = { senderFrame: { url: 'https://evil.example/' } } as IpcMainInvokeEvent;
const isTrusted = (event: IpcMainInvokeEvent) => event === trusted;

describe('setupIpc', () => {
  it('answers a valid request from a trusted sender', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    setupIpc(ipcMain, createFakeLabApi(), isTrusted);
    const reply = await handlers.get(LAB_IPC.request)!(trusted, {
      type: 'request',
      id: 1,
      method: 'getHostInfo',
      args: [],
    });
    expect(reply).toEqual({ type: 'reply', id: 1, ok: true, value: HOST_INFO });
  });

  it('refuses an unknown sender without calling the API', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const api = createFakeLabApi();
    setupIpc(ipcMain, api, isTrusted);
    const reply = await handlers.get(LAB_IPC.request)!(foreign, {
      type: 'request',
      id: 1,
      method: 'startRun',
      args: [{ workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 1 }] }],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(api.calls).toEqual([]);
  });

  it('answers a malformed payload with invalid-argument instead of throwing', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    setupIpc(ipcMain, createFakeLabApi(), isTrusted);
    for (const payload of [
      undefined,
      'getHostInfo',
      { type: 'request', id: 2, method: 'cancel', args: [42] },
    ]) {
      const reply = await handlers.get(LAB_IPC.request)!(trusted, payload);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });

  it('removes its handler when disposed', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    setupIpc(ipcMain, createFakeLabApi(), isTrusted)();
    expect(handlers.size).toBe(0);
  });
});

describe('ownWindowSenderCheck', () => {
  const ours = {} as WebContents;
  const isTrustedSender = ownWindowSenderCheck(new Set([ours]), ['app://corelab']);
  const topFrame = (url: string) => ({ url, parent: null });
  const event = (sender: WebContents, senderFrame: unknown) =>
    ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

  it('trusts the top frame of our own window on an app page', () => {
    expect(isTrustedSender(event(ours, topFrame('app://corelab/index.html')))).toBe(true);
  });

  it('refuses another WebContents, even one showing our page', () => {
    const stranger = {} as WebContents;
    expect(isTrustedSender(event(stranger, topFrame('app://corelab/index.html')))).toBe(false);
  });

  it('refuses a subframe, a foreign page and a frame that is gone', () => {
    const iframe = { url: 'app://corelab/index.html', parent: topFrame('app://corelab/') };
    expect(isTrustedSender(event(ours, iframe))).toBe(false);
    expect(isTrustedSender(event(ours, topFrame('https://evil.example/')))).toBe(false);
    expect(isTrustedSender(event(ours, null))).toBe(false);
  });
});

describe('forwardLabEvents', () => {
  function fakeTarget() {
    const target = Object.assign(new EventEmitter(), {
      sent: [] as [string, unknown][],
      isGone: false,
      isDestroyed() {
        return this.isGone;
      },
      send(channel: string, message: unknown) {
        this.sent.push([channel, message]);
      },
    });
    return target;
  }

  it('sends samples and events to the window until it is destroyed', () => {
    const api = createFakeLabApi();
    const target = fakeTarget();
    forwardLabEvents(api, target as unknown as WebContents);
    api.emitSample({ t: 1, cores: [5] });
    api.emitEvent({ type: 'sweep-point', runId: 'r', workers: 1, wallMs: 3 });
    expect(target.sent).toEqual([
      [LAB_IPC.event, { type: 'event', channel: 'core-sample', payload: { t: 1, cores: [5] } }],
      [
        LAB_IPC.event,
        {
          type: 'event',
          channel: 'lab-event',
          payload: { type: 'sweep-point', runId: 'r', workers: 1, wallMs: 3 },
        },
      ],
    ]);
    target.isGone = true;
    api.emitSample({ t: 2, cores: [5] });
    target.emit('destroyed');
    expect(api.listenerCount()).toBe(0);
    expect(target.sent).toHaveLength(2);
  });
});
