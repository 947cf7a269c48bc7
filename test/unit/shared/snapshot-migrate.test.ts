import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import { parseSnapshot, serializeSnapshot } from '../../../src/shared/snapshot';
import { migrateSnapshot } from '../../../src/shared/snapshot-migrate';
import { sampleSnapshot } from '../../fixtures/snapshots';

/** The sample snapshot written the way version 2 wrote it: one wall time, no rounds. */
function versionTwoDoc(): Record<string, unknown> {
  const {
    interference: _interference,
    verdict: _verdict,
    estimate: _estimate,
    ...current
  } = JSON.parse(serializeSnapshot(sampleSnapshot())) as Record<string, unknown>;
  const results = (current.results as Record<string, unknown>[]).map(
    ({ rounds: _r, wallMsMin: _min, wallMsMax: _max, roundWallMs: _all, ...result }) => result,
  );
  return { ...current, schemaVersion: 2, results };
}

/** The sample snapshot written the way version 1 wrote it: no note, memory in MiB. */
function versionOneDoc(): Record<string, unknown> {
  const { note: _note, ...current } = versionTwoDoc();
  const { memoryBytes, ...host } = current.host as { memoryBytes: number };
  return { ...current, schemaVersion: 1, host: { ...host, memoryMb: memoryBytes / 1024 / 1024 } };
}

/** What a snapshot from before rounds reads as: one round each, nothing of the method known. */
const predatingRounds = { interference: null, verdict: null, estimate: null };

describe('migrateSnapshot', () => {
  it('turns version 2 into version 3: every result one round, the method unknown', () => {
    const migrated = migrateSnapshot(versionTwoDoc()) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(3);
    expect(migrated).toMatchObject(predatingRounds);
    for (const result of migrated.results as Record<string, unknown>[]) {
      expect(result).toMatchObject({
        rounds: 1,
        wallMsMin: result.wallMs,
        wallMsMax: result.wallMs,
        roundWallMs: [result.wallMs],
      });
    }
  });

  it('reads a version 2 file into the same snapshot, its method unknown', () => {
    const parsed = parseSnapshot(JSON.stringify(versionTwoDoc()), 'old.json');
    expect(parsed).toEqual({ ...sampleSnapshot(), ...predatingRounds });
  });

  it('turns version 1 into the current one: an empty note and memory in bytes', () => {
    const migrated = migrateSnapshot(versionOneDoc()) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(3);
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
    expect(parsed).toEqual({ ...sampleSnapshot(), note: '', ...predatingRounds });
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
