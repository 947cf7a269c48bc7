import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import type { LabEvent } from '../../../src/shared/lab-api';
import { createLabClient } from '../../../src/shared/lab-client-core';
import { LAB_METHOD_NAMES } from '../../../src/shared/lab-wire';
import { serveLabApi } from '../../../src/shared/lab-server-core';
import type { CoreSample } from '../../../src/shared/results';
import { createFakeLabApi, HOST_INFO } from '../../fixtures/fake-lab-api';
import { createChannelPair } from '../../fixtures/memory-channel';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A client and a fake API served to it over an in-memory pair. */
function connected() {
  const api = createFakeLabApi();
  const [serverEnd, clientEnd] = createChannelPair();
  serveLabApi(api, serverEnd);
  const logged: string[] = [];
  const lab = createLabClient(clientEnd, { log: (message) => logged.push(message) });
  return { api, lab, serverEnd, clientEnd, logged };
}

describe('createLabClient over an in-memory pair', () => {
  it('carries every call and its value', async () => {
    const { lab, api } = connected();
    expect(await lab.getHostInfo()).toEqual(HOST_INFO);
    expect((await lab.getCapabilities()).maxWorkers).toBe(8);
    expect((await lab.getSamplerStats()).hz).toBe(10);
    expect(
      await lab.startRun({ workload: 'cpu.primes', models: [{ model: 'event-loop', workers: 2 }] }),
    ).toEqual({ runId: 'run-1' });
    expect(
      await lab.startSweep({ workload: 'cpu.primes', model: 'worker-threads', maxWorkers: 4 }),
    ).toEqual({ runId: 'sweep-1' });
    await expect(lab.cancel('run-1')).resolves.toBeUndefined();
    expect(api.calls.map((call) => call.method)).toEqual([
      'getHostInfo',
      'getCapabilities',
      'getSamplerStats',
      'startRun',
      'startSweep',
      'cancel',
    ]);
  });

  it('offers every method of the contract, and sends an omitted option as absent', async () => {
    const { lab, api } = connected();
    for (const method of LAB_METHOD_NAMES) expect(typeof lab[method]).toBe('function');
    await lab.stopPipeline('pipeline-1');
    await lab.stopPipeline('pipeline-1', undefined);
    const stops = api.calls.filter((call) => call.method === 'stopPipeline');
    // Through JSON an undefined argument is null; the wire reads both as no options.
    expect(stops.map((call) => call.args)).toEqual([['pipeline-1'], ['pipeline-1']]);
  });

  it('rejects with the server LabError and its code', async () => {
    const { lab } = connected();
    const error = await lab.cancel('unknown-run').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({
      code: 'not-found',
      message: 'no active run with id unknown-run',
    });
  });

  it('rejects a bad config with invalid-argument before the engine sees it', async () => {
    const { lab, api } = connected();
    const config = { workload: '', models: [] };
    await expect(lab.startRun(config)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(api.calls).toEqual([]);
  });

  it('delivers samples and events to subscribers until they unsubscribe', async () => {
    const { lab, api } = connected();
    const samples: CoreSample[] = [];
    const events: LabEvent[] = [];
    const stopSamples = lab.onCoreSample((sample) => samples.push(sample));
    lab.onEvent((event) => events.push(event));
    api.emitSample({ t: 1, cores: [10, 90] });
    api.emitEvent({ type: 'sweep-point', runId: 'r', workers: 2, wallMs: 5 });
    await tick();
    stopSamples();
    api.emitSample({ t: 2, cores: [10, 90] });
    await tick();
    expect(samples).toEqual([{ t: 1, cores: [10, 90] }]);
    expect(events).toEqual([{ type: 'sweep-point', runId: 'r', workers: 2, wallMs: 5 }]);
  });

  it('drops and logs a malformed event, then keeps delivering good ones', async () => {
    const { lab, serverEnd, logged } = connected();
    const samples: CoreSample[] = [];
    lab.onCoreSample((sample) => samples.push(sample));
    serverEnd.sendRaw({ type: 'event', channel: 'core-sample', payload: { t: 1, cores: ['x'] } });
    serverEnd.sendRaw({ type: 'event', channel: 'gossip', payload: {} });
    serverEnd.sendRaw('not even an object');
    serverEnd.sendRaw({ type: 'event', channel: 'core-sample', payload: { t: 2, cores: [1] } });
    await tick();
    expect(samples).toEqual([{ t: 2, cores: [1] }]);
    expect(logged).toHaveLength(3);
    expect(logged[0]).toContain('payload.cores[0]');
  });

  it('rejects a call whose reply value breaks the contract, as internal', async () => {
    const { lab, api } = connected();
    api.getHostInfo = async () => ({ ...HOST_INFO, logicalCores: -1 });
    await expect(lab.getHostInfo()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('value.logicalCores'),
    });
  });

  it('fails the call whose reply envelope is malformed instead of leaving it pending', async () => {
    const [serverEnd, clientEnd] = createChannelPair();
    serverEnd.onMessage((message) => {
      const { id } = message as { id: number };
      serverEnd.sendRaw({ type: 'reply', id, ok: 'yes' });
    });
    const lab = createLabClient(clientEnd, { log: () => undefined });
    await expect(lab.getHostInfo()).rejects.toMatchObject({ code: 'internal' });
  });

  it('ignores a reply to a request it never sent', async () => {
    const { lab, serverEnd, logged } = connected();
    serverEnd.sendRaw({ type: 'reply', id: 999, ok: true, value: 1 });
    await tick();
    expect(logged[0]).toContain('unknown request 999');
    await expect(lab.getHostInfo()).resolves.toEqual(HOST_INFO);
  });

  it('keeps notifying other listeners when one throws', async () => {
    const { lab, api, logged } = connected();
    const seen: number[] = [];
    lab.onCoreSample(() => {
      throw new Error('listener bug');
    });
    lab.onCoreSample((sample) => seen.push(sample.t));
    api.emitSample({ t: 3, cores: [] });
    await tick();
    expect(seen).toEqual([3]);
    expect(logged[0]).toContain('listener bug');
  });

  it('fails pending calls when the channel closes', async () => {
    const [, clientEnd] = createChannelPair();
    const lab = createLabClient(clientEnd, { log: () => undefined });
    const call = lab.getHostInfo();
    clientEnd.close(new LabError('unavailable', 'disconnected'));
    await expect(call).rejects.toMatchObject({ code: 'unavailable', message: 'disconnected' });
  });

  it('fails a call at once when the channel cannot send', async () => {
    const lab = createLabClient({
      send: () => {
        throw new Error('socket is not open');
      },
      onMessage: () => undefined,
    });
    await expect(lab.getHostInfo()).rejects.toMatchObject({
      code: 'unavailable',
      message: 'socket is not open',
    });
  });
});
