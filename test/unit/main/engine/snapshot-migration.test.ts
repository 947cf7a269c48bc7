import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSnapshots } from '../../../../src/main/engine/snapshot-migration';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corelab-migrate-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('migrateSnapshots (the app’s old folder into the shared one)', () => {
  it('moves every snapshot, keeps both of a taken name, and one of an identical file', async () => {
    const from = folder({
      'laptop.json': '{"a":1}',
      'server.json': '{"old":true}',
      'same.json': '{"same":1}',
      '.tmp-123.json': 'half-written',
    });
    const to = folder({ 'server.json': '{"new":true}', 'same.json': '{"same":1}' });
    const done = await migrateSnapshots(from, to);
    expect(done).toEqual({
      moved: ['laptop'],
      renamed: [['server', 'server old']],
      duplicates: ['same'],
    });
    expect(readdirSync(to).sort()).toEqual([
      'laptop.json',
      'same.json',
      'server old.json',
      'server.json',
    ]);
    expect(readFileSync(path.join(to, 'server.json'), 'utf8')).toBe('{"new":true}');
    expect(readFileSync(path.join(to, 'server old.json'), 'utf8')).toBe('{"old":true}');
    // Only the temp file stays behind, so the old folder does too.
    expect(readdirSync(from)).toEqual(['.tmp-123.json']);
  });

  it('numbers a second clash and removes the emptied old folder', async () => {
    const from = folder({ 'run.json': '3' });
    const to = folder({ 'run.json': '1', 'run old.json': '2' });
    expect((await migrateSnapshots(from, to)).renamed).toEqual([['run', 'run old 2']]);
    expect(() => readdirSync(from)).toThrow(/ENOENT/);
  });

  it('creates the new folder, and does nothing without an old one or when they are one', async () => {
    const from = folder({ 'a.json': '{}' });
    const to = path.join(folder({}), 'nested', 'snapshots');
    expect((await migrateSnapshots(from, to)).moved).toEqual(['a']);
    expect(readdirSync(to)).toEqual(['a.json']);
    const none = { moved: [], renamed: [], duplicates: [] };
    expect(await migrateSnapshots(path.join(to, 'missing'), to)).toEqual(none);
    expect(await migrateSnapshots(to, to)).toEqual(none);
    expect(readdirSync(to)).toEqual(['a.json']);
  });
});
