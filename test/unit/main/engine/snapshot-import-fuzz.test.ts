/**
 * Snapshot import under fuzzing (issue 7, "Hostile input"): truncated files, wrong schemas,
 * enormous documents and binary garbage are all refused with a typed error naming the file,
 * and the store is left exactly as it was. snapshot-store.test.ts holds the hand-picked
 * cases; these are random ones.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSnapshotStore,
  type SnapshotStore,
} from '../../../../src/main/engine/snapshot-store';
import { LabError } from '../../../../src/shared/errors';
import { parseSnapshot, serializeSnapshot, SNAPSHOT_LIMITS } from '../../../../src/shared/snapshot';
import { hostileValue } from '../../../fixtures/hostile-payloads';
import { sampleSnapshot, sweepContent } from '../../../fixtures/snapshots';

let root: string;
let store: SnapshotStore;
let before: Record<string, string>;
/** A valid file for a snapshot not yet in the store: importing it as is would succeed. */
const incoming = serializeSnapshot(sampleSnapshot('incoming'));
const incomingSweep = serializeSnapshot(sampleSnapshot('incoming sweep', sweepContent()));

/** Every file in the store's folder with its bytes. */
async function folderState(): Promise<Record<string, string>> {
  const names = await fs.readdir(store.dir);
  const state: Record<string, string> = {};
  for (const name of names.sort())
    state[name] = await fs.readFile(path.join(store.dir, name), 'utf8');
  return state;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'corelab-import-fuzz-'));
  store = createSnapshotStore(path.join(root, 'snapshots'));
  await store.save(sampleSnapshot('existing'));
  before = await folderState();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Imports `text` and checks the refusal: a LabError that names the file, nothing saved. */
async function expectRefused(text: string, file = 'fuzz.json'): Promise<void> {
  const error: unknown = await store.import(text, file).then(
    (entry) => new Error(`imported as ${entry.name}`),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LabError);
  expect((error as LabError).code).toBe('invalid-argument');
  expect((error as LabError).message.startsWith(`${file}: `)).toBe(true);
  // The message names a field and a rule; it never carries a huge input back.
  expect((error as LabError).message.length).toBeLessThan(2000);
}

/** True when the snapshot reader would accept `text` (a mutation may leave it valid). */
function isValidSnapshot(text: string): boolean {
  try {
    parseSnapshot(text, 'check.json');
    return true;
  } catch {
    // Refused: exactly the inputs this suite is about.
    return false;
  }
}

/** Every path into a JSON document, parents before children. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    at,
    ...keys.flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...at, key])),
  ];
}

/** `doc` with the value at `where` replaced, or removed when `value` is undefined. */
function mutate(doc: unknown, where: (string | number)[], value: unknown): unknown {
  if (where.length === 0) return value;
  const [head, ...rest] = where;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string, unknown>;
  const next = mutate(copy[head!], rest, value);
  if (next === undefined && rest.length === 0) delete copy[head!];
  else copy[head!] = next;
  return copy;
}

describe('snapshot import under fuzzing', () => {
  it('refuses a file cut short anywhere', async () => {
    const text = incoming.trimEnd();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), async (cut) => {
        await expectRefused(text.slice(0, cut));
      }),
      { numRuns: 150 },
    );
    expect(await folderState()).toEqual(before);
  });

  it('refuses a document with any field made wrong or removed', async () => {
    const docs = [incoming, incomingSweep].map((text) => JSON.parse(text) as unknown);
    const mutation = fc
      .constantFrom(...docs)
      .chain((doc) =>
        fc.tuple(
          fc.constant(doc),
          fc.constantFrom(...pathsOf(doc)),
          fc.option(hostileValue, { nil: undefined }),
        ),
      )
      .map(([doc, where, value]) => JSON.stringify(mutate(doc, where, value)) ?? '')
      .filter((text) => !isValidSnapshot(text));
    await fc.assert(
      fc.asyncProperty(mutation, async (text) => {
        await expectRefused(text);
      }),
      { numRuns: 300 },
    );
    expect(await folderState()).toEqual(before);
  });

  it('refuses binary garbage and random text', async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
      fc.string({ maxLength: 500 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        await expectRefused(text);
      }),
      { numRuns: 200 },
    );
    expect(await folderState()).toEqual(before);
  });

  it('refuses enormous documents: too large, too deep, too wide', async () => {
    const limits = [
      // One byte over the size limit, as padding after a valid document.
      `${incoming}${' '.repeat(SNAPSHOT_LIMITS.maxFileBytes)}`,
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))),
      JSON.stringify({
        ...(JSON.parse(incoming) as object),
        coreSeries: Array.from({ length: SNAPSHOT_LIMITS.maxCoreSamples + 1 }, (_, t) => ({
          t,
          cores: [1],
        })),
      }),
    ];
    for (const text of limits) await expectRefused(text);
    expect(await folderState()).toEqual(before);
    expect((await store.list()).map((entry) => entry.name)).toEqual(['existing']);
  });
});
