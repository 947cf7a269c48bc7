import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/shared/snapshot';
import { runCli } from '../../helpers/cli';

let dataDir: string;

/** Runs the built CLI with the test's data folder. */
const cli = (args: string[]) => runCli(args, dataDir);

const PIPELINE_ARGS = [
  'pipeline',
  '--model',
  'worker-threads',
  '--producers',
  '2',
  '--consumers',
  '2',
  '--interval-ms',
  '2',
  '--capacity',
  '8',
  '--work',
  '10',
  '--duration',
  '0.6',
];

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-cli-pipeline-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('corelab pipeline --save', () => {
  it('saves the run as a pipeline snapshot that snapshots show reads back', () => {
    const run = cli([...PIPELINE_ARGS, '--json', '--save', 'queue demo', '--note', 'two by two']);
    expect(run.stderr).toContain('Saved snapshot "queue demo"');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as { totals: { consumed: number } };

    const shown = cli(['snapshots', 'show', 'queue demo', '--json']);
    expect(shown.status).toBe(0);
    const snapshot = JSON.parse(shown.stdout) as Snapshot;
    if (snapshot.kind !== 'pipeline') throw new Error(`expected a pipeline, got ${snapshot.kind}`);
    expect(snapshot.note).toBe('two by two');
    expect(snapshot.config).toMatchObject({ model: 'worker-threads', producers: 2, capacity: 8 });
    expect(snapshot.pipeline.transport).toBe('shared-memory');
    expect(snapshot.pipeline.totals.consumed).toBe(printed.totals.consumed);
    expect(snapshot.pipeline.totals.lost).toBe(0);
    expect(snapshot.pipeline.samples.length).toBeGreaterThan(0);

    const text = cli(['snapshots', 'show', 'queue demo']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Snapshot queue demo \(pipeline\)/);
    expect(text.stdout).toMatch(/^consumed\s+\S/m);
    expect(text.stdout).toMatch(/^lost\s+0 ✓/m);
  });

  it('refuses a taken name before the pipeline runs', () => {
    const again = cli([...PIPELINE_ARGS, '--save', 'queue demo']);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('a snapshot named "queue demo" already exists');
    expect(again.stdout).toBe('');
  });
});
