import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import { foldErrorCode, unfoldErrorCode } from '../../../src/shared/lab-bridge-errors';
import { createLabClient } from '../../../src/shared/lab-client-core';
import { handleLabRequest, serveLabApi } from '../../../src/shared/lab-server-core';
import { serializeSnapshot } from '../../../src/shared/snapshot';
import { createFakeLabApi } from '../../fixtures/fake-lab-api';
import { createChannelPair } from '../../fixtures/memory-channel';
import { runContent, sampleSnapshot } from '../../fixtures/snapshots';

function connected() {
  const api = createFakeLabApi();
  const [serverEnd, clientEnd] = createChannelPair();
  serveLabApi(api, serverEnd);
  return { api, lab: createLabClient(clientEnd, { log: () => undefined }) };
}

describe('snapshot methods on the wire', () => {
  it('carries save, list, load, rename, export, import and delete', async () => {
    const { lab } = connected();
    const saved = await lab.saveSnapshot({ name: 'one', note: 'n', content: runContent() });
    expect(saved).toMatchObject({ name: 'one', error: null, summary: { workload: 'cpu.primes' } });
    expect((await lab.listSnapshots()).map((e) => e.name)).toEqual(['one']);
    const loaded = await lab.loadSnapshot('one');
    expect(loaded.results).toEqual(runContent().results);
    await lab.renameSnapshot('one', 'two');
    const exported = await lab.exportSnapshot('two', 'csv');
    expect(exported.fileName).toBe('two.csv');
    const text = serializeSnapshot(sampleSnapshot('three'));
    expect((await lab.importSnapshot(text, 'three.json')).name).toBe('three');
    await lab.deleteSnapshot('two');
    expect((await lab.listSnapshots()).map((e) => e.name)).toEqual(['three']);
  });

  it("keeps the 'conflict' code of a taken name across the wire and the bridge", async () => {
    const { lab } = connected();
    await lab.saveSnapshot({ name: 'taken', content: runContent() });
    const error = await lab.saveSnapshot({ name: 'taken', content: runContent() }).catch((e) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('conflict');
    const unfolded = unfoldErrorCode(foldErrorCode(error)) as LabError;
    expect(unfolded.code).toBe('conflict');
  });

  it('refuses a path in a name before the API sees it', async () => {
    const api = createFakeLabApi();
    for (const [method, args, field] of [
      ['loadSnapshot', ['../x'], 'args[0]'],
      ['deleteSnapshot', ['a/b'], 'args[0]'],
      ['renameSnapshot', ['ok', '.hidden'], 'args[1]'],
      ['exportSnapshot', ['x\0y', 'csv'], 'args[0]'],
      ['saveSnapshot', [{ name: '../x', content: runContent() }], 'args[0].name'],
    ] as const) {
      const reply = await handleLabRequest(api, { type: 'request', id: 1, method, args });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect((reply as { error: { message: string } }).error.message).toContain(
        `${method}: ${field}:`,
      );
    }
    expect(api.calls).toEqual([]);
  });

  it('refuses an export format it does not know', async () => {
    const reply = await handleLabRequest(createFakeLabApi(), {
      type: 'request',
      id: 2,
      method: 'exportSnapshot',
      args: ['x', 'pdf'],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
