/**
 * Terminal escape injection (issue 14): a snapshot's text with control characters is refused
 * by the schema, and nothing the CLI prints about one reaches the terminal raw. Runs the
 * built CLI on real files.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../src/headless/tty';
import { serializeSnapshot } from '../../../src/shared/snapshot';
import { sampleSnapshot } from '../../fixtures/snapshots';
import { runCli } from '../../helpers/cli';

const TITLE = '\x1b]0;pwned\x07\x1b[31m';
const CLEAR = '\x1b[2J';
// Any C0 control but newline, DEL or C1 control in the output is an injection.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let dataDir: string;
let snapshotDir: string;
let scratch: string;

/** Runs the built CLI with the test's data folder. */
const cli = (args: string[]) => runCli(args, dataDir);

/** The parts of a snapshot document these tests spoil. */
interface Doc {
  note: string;
  host: { cpuModel: string };
  config: { params: Record<string, number> };
}

/** A valid snapshot file's JSON with `mutate` applied to its document. */
function hostileFile(name: string, mutate: (doc: Doc) => void): string {
  const doc = JSON.parse(serializeSnapshot(sampleSnapshot(name))) as Doc;
  mutate(doc);
  return JSON.stringify(doc);
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-hostile-data-'));
  snapshotDir = path.join(dataDir, 'snapshots');
  scratch = mkdtempSync(path.join(tmpdir(), 'corelab-hostile-files-'));
  mkdirSync(snapshotDir);
  writeFileSync(path.join(snapshotDir, 'plain.json'), serializeSnapshot(sampleSnapshot('plain')));
  // Files put in the folder by hand (or by an older Corelab), never through an import.
  writeFileSync(
    path.join(snapshotDir, 'titled.json'),
    hostileFile('titled', (doc) => (doc.host.cpuModel = `Evil CPU ${TITLE}`)),
  );
  writeFileSync(
    path.join(snapshotDir, 'cleared.json'),
    hostileFile('cleared', (doc) => (doc.note = `note ${CLEAR}`)),
  );
  writeFileSync(
    path.join(snapshotDir, 'keyed.json'),
    hostileFile('keyed', (doc) => (doc.config.params[`size${CLEAR}`] = 1)),
  );
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('text with control characters', () => {
  it('import refuses it, naming the field, and adds nothing', () => {
    const file = path.join(scratch, 'evil.json');
    writeFileSync(
      file,
      hostileFile('evil', (doc) => (doc.host.cpuModel = `CPU ${TITLE}`)),
    );
    const { status, stdout, stderr } = cli(['snapshots', 'import', file]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/host\.cpuModel: must not hold control characters \(found U\+001B\)/);
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
    expect(readdirSync(snapshotDir)).not.toContain('evil.json');
  });

  it('list shows such files as unreadable, escaped, and the good one as usual', () => {
    const { status, stdout, stderr } = cli(['snapshots', 'list']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^plain\s/m);
    expect(stdout).toMatch(/✗ titled: .*host\.cpuModel: must not hold control characters/);
    expect(stdout).toMatch(/✗ cleared: .*note: must not hold control characters/);
    // The key itself is in the message, written out.
    expect(stdout).toContain('size\\x1b[2J');
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
  });

  it('show and compare refuse them without printing them raw', () => {
    for (const [args, refusal] of [
      [['snapshots', 'show', 'titled'], /host\.cpuModel: must not hold control characters/],
      [['snapshots', 'show', 'keyed'], /config\.params\.size\\x1b\[2J/],
      [['snapshots', 'compare', 'plain', 'cleared'], /note: must not hold control characters/],
    ] as const) {
      const { status, stdout, stderr } = cli([...args]);
      expect(status, args.join(' ')).not.toBe(0);
      expect(stderr, args.join(' ')).toMatch(refusal);
      expect(stdout + stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
  });
});

describe('terminalSafe', () => {
  it('writes out every control character but newline and tab', () => {
    expect(terminalSafe(`a${TITLE}b\r\n\tc\u009bd\u202ee\u007f`)).toBe(
      'a\\x1b]0;pwned\\x07\\x1b[31mb\\x0d\n\tc\\x9bd\\u202ee\\x7f',
    );
    expect(terminalSafe('Intel® Core™ i7 — 8 cores')).toBe('Intel® Core™ i7 — 8 cores');
  });
});
