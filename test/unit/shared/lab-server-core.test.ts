import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import { handleLabRequest, serveLabApi } from '../../../src/shared/lab-server-core';
import { createFakeLabApi, HOST_INFO } from '../../fixtures/fake-lab-api';
import { createChannelPair } from '../../fixtures/memory-channel';

const request = (id: number, method: string, args: unknown[] = []) => ({
  type: 'request',
  id,
  method,
  args,
});

describe('handleLabRequest', () => {
  it('answers a valid request with the API value', async () => {
    const api = createFakeLabApi();
    expect(await handleLabRequest(api, request(1, 'getHostInfo'))).toEqual({
      type: 'reply',
      id: 1,
      ok: true,
      value: HOST_INFO,
    });
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['a request without args', { type: 'request', id: 4, method: 'getHostInfo' }],
  ])('answers %s with an invalid-argument reply instead of throwing', async (_label, message) => {
    const reply = await handleLabRequest(createFakeLabApi(), message);
    expect(reply).toMatchObject({ type: 'reply', ok: false, error: { code: 'invalid-argument' } });
  });

  it('keeps the id of a malformed request that has one', async () => {
    const reply = await handleLabRequest(createFakeLabApi(), { type: 'request', id: 9, args: [] });
    expect(reply).toMatchObject({ id: 9, ok: false, error: { code: 'invalid-argument' } });
    if (reply.ok) return;
    expect(reply.error.message).toContain('message.method');
  });

  it('refuses a method LabApi does not have, including inherited ones', async () => {
    const api = createFakeLabApi();
    for (const method of ['shutdown', 'constructor', '__proto__', 'onEvent']) {
      const reply = await handleLabRequest(api, request(2, method));
      expect(reply).toMatchObject({ id: 2, ok: false, error: { code: 'invalid-argument' } });
    }
    expect(api.calls).toEqual([]);
  });

  it('refuses bad arguments naming the field, without calling the API', async () => {
    const api = createFakeLabApi();
    const reply = await handleLabRequest(
      api,
      request(3, 'startRun', [
        { workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 5000 }] },
      ]),
    );
    expect(reply).toMatchObject({ id: 3, ok: false, error: { code: 'invalid-argument' } });
    if (reply.ok) return;
    expect(reply.error.message).toMatch(/^startRun: args\[0\]\.models\[0\]\.workers: /);
    expect(api.calls).toEqual([]);
  });

  it('hands the API the parsed config, defaults filled', async () => {
    const api = createFakeLabApi();
    await handleLabRequest(
      api,
      request(5, 'startRun', [
        { workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 1 }] },
      ]),
    );
    expect(api.calls).toEqual([
      {
        method: 'startRun',
        args: [
          { workload: 'cpu.primes', params: {}, models: [{ model: 'event-loop', workers: 1 }] },
        ],
      },
    ]);
  });

  it('passes a LabError thrown by the API on with its code', async () => {
    const reply = await handleLabRequest(createFakeLabApi(), request(6, 'cancel', ['nope']));
    expect(reply).toEqual({
      type: 'reply',
      id: 6,
      ok: false,
      error: { name: 'LabError', message: 'no active run with id nope', code: 'not-found' },
    });
  });

  it('reports any other throw as internal', async () => {
    const api = createFakeLabApi();
    api.getHostInfo = () => Promise.reject(new RangeError('sampler exploded'));
    const reply = await handleLabRequest(api, request(7, 'getHostInfo'));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'sampler exploded' },
    });
  });
});

describe('serveLabApi', () => {
  it('answers requests and forwards events until disposed', async () => {
    const api = createFakeLabApi();
    const [server, client] = createChannelPair();
    const received: unknown[] = [];
    client.onMessage((message) => received.push(message));
    const dispose = serveLabApi(api, server);

    client.sendRaw(request(1, 'getSamplerStats'));
    api.emitSample({ t: 1, cores: [50] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toContainEqual({
      type: 'event',
      channel: 'core-sample',
      payload: { t: 1, cores: [50] },
    });
    expect(received).toContainEqual(expect.objectContaining({ type: 'reply', id: 1, ok: true }));

    dispose();
    expect(api.listenerCount()).toBe(0);
    client.sendRaw(request(2, 'getHostInfo'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toHaveLength(2);
  });

  it('survives a channel whose send throws', async () => {
    const api = createFakeLabApi();
    const logged: string[] = [];
    serveLabApi(
      api,
      {
        send: () => {
          throw new LabError('unavailable', 'socket gone');
        },
        onMessage: () => undefined,
      },
      { log: (message) => logged.push(message) },
    );
    expect(() => api.emitSample({ t: 1, cores: [1] })).not.toThrow();
    expect(logged[0]).toContain('socket gone');
  });
});
