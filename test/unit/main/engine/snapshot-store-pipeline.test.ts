import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotStore } from '../../../../src/main/engine/snapshot-store';
import { pipelineContent, sampleSnapshot } from '../../../fixtures/snapshots';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-store-pipeline-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('snapshot store with a pipeline snapshot', () => {
  it('round-trips: save, list, load and export give back the pipeline run', async () => {
    const store = createSnapshotStore(path.join(root, 'snapshots'));
    const snapshot = sampleSnapshot('queue demo', pipelineContent());
    const entry = await store.save(snapshot);
    expect(entry).toMatchObject({
      name: 'queue demo',
      error: null,
      summary: { kind: 'pipeline', workload: 'pipeline', models: ['worker-threads'] },
    });
    expect(await store.list()).toEqual([entry]);
    expect(await store.load('queue demo')).toEqual(snapshot);
    const csv = await store.export('queue demo', 'csv');
    expect(csv.fileName).toBe('queue demo.csv');
    expect(csv.text.split('\r\n')[1]).toMatch(/^queue demo,.*,pipeline,worker-threads,/);
  });
});
