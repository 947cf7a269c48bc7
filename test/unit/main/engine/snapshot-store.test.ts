import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotStore } from '../../../../src/main/engine/snapshot-store';
import { LabError } from '../../../../src/shared/errors';
import { SNAPSHOT_LIMITS, serializeSnapshot } from '../../../../src/shared/snapshot';
import { CURRENT_SNAPSHOT_VERSION } from '../../../../src/shared/snapshot-migrate';
import { runContent, sampleSnapshot, sweepContent } from '../../../fixtures/snapshots';

let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-store-'));
  dir = path.join(root, 'snapshots');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file in the folder with its bytes, to show a refused operation changed nothing. */
async function folderState(): Promise<Record<string, string>> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const state: Record<string, string> = {};
  for (const name of names.sort()) state[name] = await fs.readFile(path.join(dir, name), 'utf8');
  return state;
}

/** The LabError `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('snapshot store', () => {
  it('round-trips: save, list, load gives back what was saved', async () => {
    const store = createSnapshotStore(dir);
    const run = sampleSnapshot('laptop run');
    const sweep = sampleSnapshot('a sweep', sweepContent(), {
      createdAt: '2025-01-03T00:00:00.000Z',
    });
    const entry = await store.save(run);
    expect(entry).toMatchObject({ name: 'laptop run', error: null, summary: { kind: 'run' } });
    await store.save(sweep);
    const list = await store.list();
    expect(list.map((e) => e.name)).toEqual(['a sweep', 'laptop run']);
    expect(list[1]).toEqual(entry);
    expect(await store.load('laptop run')).toEqual(run);
    expect(await store.load('a sweep')).toEqual(sweep);
    expect(await fs.readdir(dir)).toEqual(expect.arrayContaining(['laptop run.json']));
  });

  it('refuses a name that is taken, leaving the file as it was, unless told to replace', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('same'));
    const before = await folderState();
    const error = await rejection(store.save(sampleSnapshot('same', sweepContent())));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'a snapshot named "same" already exists; choose another name or replace it',
    );
    expect(await folderState()).toEqual(before);
    await store.save(sampleSnapshot('same', sweepContent()), { overwrite: true });
    expect((await store.load('same')).kind).toBe('sweep');
    expect(await fs.readdir(dir)).toEqual(['same.json']);
  });

  it('lists a bad file with its error and never lets it break the list', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('good'));
    const text = serializeSnapshot(sampleSnapshot('good'));
    await fs.writeFile(path.join(dir, 'truncated.json'), text.slice(0, 100));
    await fs.writeFile(
      path.join(dir, 'typed.json'),
      text.replace('"logicalCores":4', '"logicalCores":"4"'),
    );
    await fs.writeFile(path.join(dir, 'bad name!.json'), text);
    await fs.writeFile(path.join(dir, '.good.json.0a1b2c.tmp'), text.slice(0, 10));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not a snapshot');
    await fs.mkdir(path.join(dir, 'folder.json'));
    // A sparse file: over the size limit without writing 50 MiB.
    const huge = await fs.open(path.join(dir, 'huge.json'), 'w');
    await huge.truncate(SNAPSHOT_LIMITS.maxFileBytes + 1);
    await huge.close();

    const list = await store.list();
    const byName = Object.fromEntries(list.map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['bad name!', 'good', 'huge', 'truncated', 'typed']);
    expect(byName.good!.error).toBeNull();
    expect(byName.truncated!.error).toMatch(/^truncated\.json: is not valid JSON/);
    expect(byName.typed!.error).toBe(
      'typed.json: host.logicalCores: Invalid input: expected number, received string',
    );
    expect(byName['bad name!']!.error).toMatch(
      /^bad name!\.json: file name "bad name!" may only hold/,
    );
    expect(byName.huge!.error).toBe(
      'huge.json: is 50 MiB, larger than the 50 MiB a snapshot may be',
    );
    for (const bad of ['truncated', 'typed', 'huge']) expect(byName[bad]!.summary).toBeNull();
    const loadError = await rejection(store.load('typed'));
    expect(loadError.code).toBe('invalid-argument');
    expect(loadError.message).toMatch(/^typed\.json: host\.logicalCores/);
  });

  it('sees a file change between two lists', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('changing'));
    expect((await store.list())[0]!.error).toBeNull();
    await fs.writeFile(path.join(dir, 'changing.json'), '{');
    expect((await store.list())[0]!.error).toMatch(/not valid JSON/);
    await fs.rm(path.join(dir, 'changing.json'));
    expect(await store.list()).toEqual([]);
  });

  it('lists nothing, without failing, before the folder exists', async () => {
    expect(await createSnapshotStore(path.join(root, 'none')).list()).toEqual([]);
  });

  it('refuses names with path tricks on every operation and writes nothing', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('kept'));
    const before = await folderState();
    for (const name of ['../x', 'a/b', '.hidden', 'x\0y', '..', '']) {
      expect((await rejection(store.load(name))).code).toBe('invalid-argument');
      expect((await rejection(store.delete(name))).code).toBe('invalid-argument');
      expect((await rejection(store.rename('kept', name))).code).toBe('invalid-argument');
      expect((await rejection(store.export(name, 'csv'))).code).toBe('invalid-argument');
      const forged = { ...sampleSnapshot('kept'), name };
      expect((await rejection(store.save(forged))).code).toBe('invalid-argument');
    }
    expect(await folderState()).toEqual(before);
    expect(await fs.readdir(root)).toEqual(['snapshots']);
  });

  it('renames and deletes, and says when there is no such snapshot', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('first'));
    await store.save(sampleSnapshot('second'));
    const renamed = await store.rename('first', 'third');
    expect(renamed.name).toBe('third');
    expect((await store.load('third')).name).toBe('third');
    expect((await rejection(store.load('first'))).code).toBe('not-found');
    const clash = await rejection(store.rename('third', 'second'));
    expect(clash.code).toBe('conflict');
    expect((await store.list()).map((e) => e.name).sort()).toEqual(['second', 'third']);
    expect((await rejection(store.rename('nope', 'other'))).code).toBe('not-found');
    await store.delete('second');
    expect((await rejection(store.delete('second'))).message).toBe('no snapshot named "second"');
    expect((await store.list()).map((e) => e.name)).toEqual(['third']);
  });

  it('imports a valid file under its own name, migrating an old version', async () => {
    const store = createSnapshotStore(dir);
    const snapshot = sampleSnapshot('imported');
    expect((await store.import(serializeSnapshot(snapshot), 'download.json')).name).toBe(
      'imported',
    );
    expect(await store.load('imported')).toEqual(snapshot);
    const { note: _note, ...v2 } = JSON.parse(serializeSnapshot(sampleSnapshot('old one'))) as {
      note: string;
      host: { memoryBytes: number };
    };
    const { memoryBytes, ...host } = v2.host;
    const v1 = { ...v2, schemaVersion: 1, host: { ...host, memoryMb: memoryBytes / 2 ** 20 } };
    await store.import(JSON.stringify(v1), 'old.json');
    const stored = JSON.parse(await fs.readFile(path.join(dir, 'old one.json'), 'utf8')) as {
      schemaVersion: number;
      note: string;
    };
    expect(stored).toMatchObject({ schemaVersion: CURRENT_SNAPSHOT_VERSION, note: '' });
  });

  it('refuses malformed and hostile imports with a message, leaving the store untouched', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('existing'));
    const before = await folderState();
    const good = JSON.parse(serializeSnapshot(sampleSnapshot('incoming'))) as Record<
      string,
      unknown
    >;
    const cases: [string, string, RegExp][] = [
      [
        'truncated.json',
        serializeSnapshot(sampleSnapshot('x')).slice(0, 200),
        /^truncated\.json: is not valid JSON/,
      ],
      [
        'types.json',
        JSON.stringify({ ...good, results: 'many' }),
        /^types\.json: results: Invalid input: expected array, received string$/,
      ],
      [
        'huge.json',
        JSON.stringify({ ...good, cpu: 'x'.repeat(1_000_000) }),
        /^huge\.json: cpu: text of 1000000 characters is longer than the 16384 allowed$/,
      ],
      [
        'future.json',
        JSON.stringify({ ...good, schemaVersion: CURRENT_SNAPSHOT_VERSION + 1 }),
        new RegExp(`^future\\.json: schemaVersion: ${CURRENT_SNAPSHOT_VERSION + 1} is newer`),
      ],
      [
        'escape.json',
        JSON.stringify({ ...good, name: '../escape' }),
        /^escape\.json: name: may only hold/,
      ],
      ['slash.json', JSON.stringify({ ...good, name: 'a/b' }), /^slash\.json: name: may only hold/],
      [
        'dot.json',
        JSON.stringify({ ...good, name: '.hidden' }),
        /^dot\.json: name: must not start with a dot$/,
      ],
      [
        'nul.json',
        JSON.stringify({ ...good, name: 'a\u0000b' }),
        /^nul\.json: name: may only hold/,
      ],
    ];
    for (const [file, text, message] of cases) {
      const error = await rejection(store.import(text, file));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(message);
    }
    const clash = await rejection(
      store.import(serializeSnapshot(sampleSnapshot('existing', sweepContent())), 'again.json'),
    );
    expect(clash.code).toBe('conflict');
    expect(await folderState()).toEqual(before);
  });

  it('exports JSON, CSV and a Chrome trace', async () => {
    const store = createSnapshotStore(dir);
    await store.save(sampleSnapshot('out', runContent()));
    expect((await store.export('out', 'json')).text).toBe(
      await fs.readFile(path.join(dir, 'out.json'), 'utf8'),
    );
    expect((await store.export('out', 'csv')).text.split('\r\n')).toHaveLength(4);
    expect(JSON.parse((await store.export('out', 'trace')).text)).toHaveProperty('traceEvents');
    expect((await rejection(store.export('missing', 'json'))).code).toBe('not-found');
  });
});

describe('snapshot store writes', () => {
  it('keeps the previous file and leaves no temp file when the rename fails', async () => {
    await createSnapshotStore(dir).save(sampleSnapshot('precious'));
    const before = await folderState();
    const failing = createSnapshotStore(dir, {
      rename: async () => {
        throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      },
    });
    const error = await rejection(
      failing.save(sampleSnapshot('precious', sweepContent()), { overwrite: true }),
    );
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/^could not save snapshot "precious" in .*: EIO/);
    expect(await folderState()).toEqual(before);
  });

  it('never shows a half-written file: a write stopped before its rename is invisible', async () => {
    await createSnapshotStore(dir).save(sampleSnapshot('precious'));
    const before = (await folderState())['precious.json'];
    let reachedRename!: () => void;
    const atRename = new Promise<void>((resolve) => (reachedRename = resolve));
    const stalled = createSnapshotStore(dir, {
      rename: () => {
        reachedRename();
        return new Promise<void>(() => undefined);
      },
    });
    void stalled.save(sampleSnapshot('precious', sweepContent()), { overwrite: true });
    await atRename;
    const files = await fs.readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    expect((await folderState())['precious.json']).toBe(before);
    const list = await createSnapshotStore(dir).list();
    expect(list.map((e) => [e.name, e.error])).toEqual([['precious', null]]);
  });

  it('survives a process killed in the middle of saving a large snapshot', async () => {
    await createSnapshotStore(dir).save(sampleSnapshot('precious'));
    const before = await folderState();
    const script = path.resolve('out/test/snapshot-writer.mjs');
    await build({
      entryPoints: ['test/fixtures/snapshot-writer.ts'],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    const child = spawn(process.execPath, [script, dir, 'precious'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('renaming')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const after = await folderState();
    const temps = Object.keys(after).filter((f) => f.endsWith('.tmp'));
    // The new text was complete in the temp file; the old file was never touched.
    expect(temps).toHaveLength(1);
    expect(after[temps[0]!]!.length).toBeGreaterThan(1_000_000);
    expect(after['precious.json']).toBe(before['precious.json']);
    const store = createSnapshotStore(dir);
    expect((await store.list()).map((e) => [e.name, e.error])).toEqual([['precious', null]]);
    expect(await store.load('precious')).toEqual(sampleSnapshot('precious'));
  });
});
