import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import { parseSnapshot, serializeSnapshot } from '../../../src/shared/snapshot';
import { migrateSnapshot } from '../../../src/shared/snapshot-migrate';
import { sampleSnapshot } from '../../fixtures/snapshots';

/** The sample snapshot written the way version 1 wrote it: no note, memory in MiB. */
function versionOneDoc(): Record<string, unknown> {
  const { note: _note, ...current } = JSON.parse(serializeSnapshot(sampleSnapshot())) as Record<
    string,
    unknown
  >;
  const { memoryBytes, ...host } = current.host as { memoryBytes: number };
  return { ...current, schemaVersion: 1, host: { ...host, memoryMb: memoryBytes / 1024 / 1024 } };
}

describe('migrateSnapshot', () => {
  it('turns version 1 into version 2: an empty note and memory in bytes', () => {
    const migrated = migrateSnapshot(versionOneDoc()) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.note).toBe('');
    expect(migrated.host).toMatchObject({ memoryBytes: 8 * 1024 ** 3 });
    expect(migrated.host).not.toHaveProperty('memoryMb');
  });

  it('leaves a current document as it is', () => {
    const doc = JSON.parse(serializeSnapshot(sampleSnapshot())) as unknown;
    expect(migrateSnapshot(doc)).toBe(doc);
  });

  it('reads a version 1 file into the same snapshot, bar the note', () => {
    const parsed = parseSnapshot(JSON.stringify(versionOneDoc()), 'old.json');
    expect(parsed).toEqual({ ...sampleSnapshot(), note: '' });
  });

  it('refuses a version 1 file without its memory, naming the field', () => {
    const doc = versionOneDoc();
    delete (doc.host as Record<string, unknown>).memoryMb;
    expect(() => migrateSnapshot(doc)).toThrow(
      new LabError(
        'invalid-argument',
        'host.memoryMb: Invalid input: expected number, received undefined (version 1)',
      ),
    );
    expect(() => parseSnapshot(JSON.stringify(doc), 'old.json')).toThrow(
      /^old\.json: host\.memoryMb: .* \(version 1\)$/,
    );
  });
});
