import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../../src/main/engine/app-version';
import { snapshotApi } from '../../../../src/main/engine/snapshot-api';
import { createSnapshotStore } from '../../../../src/main/engine/snapshot-store';
import { LabError } from '../../../../src/shared/errors';
import { HOST_INFO } from '../../../fixtures/fake-lab-api';
import { runContent } from '../../../fixtures/snapshots';
import { CURRENT_SNAPSHOT_VERSION } from '../../../../src/shared/snapshot-migrate';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function api() {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-api-'));
  return snapshotApi(
    createSnapshotStore(root),
    async () => HOST_INFO,
    () => new Date('2025-02-03T04:05:06.000Z'),
  );
}

describe('snapshotApi', () => {
  it('saves content with this host, the time and the app version', async () => {
    const lab = api();
    await lab.saveSnapshot({ name: 'kept', note: 'hi', content: runContent() });
    expect(await lab.loadSnapshot('kept')).toMatchObject({
      name: 'kept',
      note: 'hi',
      host: HOST_INFO,
      createdAt: '2025-02-03T04:05:06.000Z',
      appVersion: APP_VERSION,
      schemaVersion: CURRENT_SNAPSHOT_VERSION,
    });
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('asks before replacing: conflict first, then overwrite', async () => {
    const lab = api();
    await lab.saveSnapshot({ name: 'kept', content: runContent() });
    await expect(lab.saveSnapshot({ name: 'kept', content: runContent() })).rejects.toThrow(
      LabError,
    );
    await lab.saveSnapshot({ name: 'kept', note: 'new', overwrite: true, content: runContent() });
    expect((await lab.loadSnapshot('kept')).note).toBe('new');
  });
});
