import { CURRENT_SNAPSHOT_VERSION } from '../../../src/shared/snapshot-migrate';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import {
  SNAPSHOT_LIMITS,
  buildSnapshot,
  checkJsonLimits,
  freeSnapshotName,
  parseSnapshot,
  serializeSnapshot,
  suggestSnapshotName,
  summarizeSnapshot,
  utf8ByteLength,
  validateSnapshotName,
} from '../../../src/shared/snapshot';
import { HOST_INFO, modelResult } from '../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot, sweepContent } from '../../fixtures/snapshots';

/** The message of the LabError `run` throws (and fails the test if it throws none). */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('invalid-argument');
    return (error as LabError).message;
  }
  throw new Error('expected a refusal');
}

/** The sample snapshot as a plain object, to break on purpose. */
function sampleDoc(): Record<string, unknown> {
  return JSON.parse(serializeSnapshot(sampleSnapshot())) as Record<string, unknown>;
}

describe('snapshot names', () => {
  it.each([
    ['../x', 'may only hold'],
    ['a/b', 'may only hold'],
    ['a\\b', 'may only hold'],
    ['.hidden', 'must not start with a dot'],
    ['x\0y', 'may only hold'],
    ['', 'must not be empty'],
    ['trailing.', 'must not end with a dot'],
    [' padded', 'must not start or end with a space'],
    ['CON', 'reserved device name'],
    ['nul.txt', 'reserved device name'],
    // Older Windows trims trailing dots and spaces: these still name the device.
    ['con .x', 'reserved device name'],
    ['Aux. .json', 'reserved device name'],
    ['lpt1 . x', 'reserved device name'],
    ['a'.repeat(81), 'at most 80 characters'],
    ['café', 'may only hold'],
  ])('refuses %j (%s)', (name, rule) => {
    expect(refusal(() => validateSnapshotName(name))).toContain(rule);
  });

  it('accepts letters, digits, spaces, dots, dashes and underscores', () => {
    expect(validateSnapshotName('Laptop run_2. v1-final')).toBe('Laptop run_2. v1-final');
    expect(validateSnapshotName('console x')).toBe('console x');
    expect(validateSnapshotName('com 1')).toBe('com 1');
  });

  it('names the field and quotes the name in the refusal', () => {
    expect(refusal(() => validateSnapshotName('../x', '--save'))).toBe(
      '--save "../x" may only hold letters A-Z and a-z, digits, spaces, dots, dashes and underscores',
    );
  });

  it('suggests a valid name from any text', () => {
    expect(suggestSnapshotName('cpu.primes event-loop vs worker-threads 2025-01-02 14:05')).toBe(
      'cpu.primes event-loop vs worker-threads 2025-01-02 14-05',
    );
    expect(suggestSnapshotName('../../etc/passwd')).toBe('-..-etc-passwd');
    expect(suggestSnapshotName('...')).toBe('snapshot');
    expect(validateSnapshotName(suggestSnapshotName('x'.repeat(200) + '.'))).toHaveLength(80);
  });
});

describe('parseSnapshot', () => {
  it('reads back what serializeSnapshot wrote', () => {
    for (const content of [runContent(), sweepContent()]) {
      const snapshot = sampleSnapshot('round trip', content);
      expect(parseSnapshot(serializeSnapshot(snapshot), 'round trip.json')).toEqual(snapshot);
    }
  });

  it('refuses a truncated file, naming the file', () => {
    const text = serializeSnapshot(sampleSnapshot());
    expect(refusal(() => parseSnapshot(text.slice(0, text.length / 2), 'cut.json'))).toMatch(
      /^cut\.json: is not valid JSON \(.+\); the file may be cut short$/,
    );
  });

  it('refuses a document that is not an object', () => {
    expect(refusal(() => parseSnapshot('[1,2]', 'list.json'))).toBe(
      'list.json: (document): must be a JSON object',
    );
  });

  it('refuses a wrong type, naming the field path and the rule', () => {
    const doc = sampleDoc();
    (doc.host as Record<string, unknown>).logicalCores = 'two';
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'typed.json'))).toBe(
      'typed.json: host.logicalCores: Invalid input: expected number, received string',
    );
  });

  it('names the failing entry deep inside a timeline', () => {
    const doc = sampleDoc();
    const results = doc.results as { timeline: Record<string, unknown>[] }[];
    results[1]!.timeline[1]!.startMs = null;
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'deep.json'))).toBe(
      'deep.json: results[1].timeline[1].startMs: Invalid input: expected number, received null',
    );
  });

  it('refuses a huge note by its own limit, and a huge string anywhere', () => {
    const doc = sampleDoc();
    doc.note = 'n'.repeat(SNAPSHOT_LIMITS.maxNoteLength + 1);
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'note.json'))).toBe(
      'note.json: note: Too big: expected string to have <=2000 characters',
    );
    doc.note = 'n'.repeat(10_000_000);
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'note.json'))).toBe(
      'note.json: note: text of 10000000 characters is longer than the 16384 allowed',
    );
    const stacked = sampleDoc();
    (stacked.results as Record<string, unknown>[])[0]!.error = {
      name: 'Error',
      message: 'boom',
      stack: 's'.repeat(20_000),
    };
    expect(refusal(() => parseSnapshot(JSON.stringify(stacked), 'stack.json'))).toBe(
      'stack.json: results[0].error.stack: text of 20000 characters is longer than the 16384 allowed',
    );
  });

  it('refuses a file above the size limit before parsing it', () => {
    const text = ' '.repeat(SNAPSHOT_LIMITS.maxFileBytes + 1);
    expect(refusal(() => parseSnapshot(text, 'big.json'))).toBe(
      'big.json: is 50 MiB, larger than the 50 MiB a snapshot may be',
    );
  });

  it('refuses arrays, objects and nesting beyond the limits, naming where', () => {
    const doc = sampleDoc();
    (doc.results as Record<string, unknown>[])[0]!.timeline = new Array(100_001).fill(0);
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'long.json'))).toBe(
      'long.json: results[0].timeline: has 100001 items, more than the 100000 allowed',
    );
    const wide = sampleDoc();
    wide.config = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
    expect(refusal(() => parseSnapshot(JSON.stringify(wide), 'wide.json'))).toBe(
      'wide.json: config: has 300 keys, more than the 256 allowed',
    );
    // Written as text: JSON.stringify itself would overflow the stack on this.
    const deep = `{"a":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`;
    expect(refusal(() => parseSnapshot(deep, 'deep.json'))).toMatch(
      /^deep\.json: a(\[0\]){15}: nested deeper than 16 levels$/,
    );
  });

  it('stops at the first bad entry of a long timeline', () => {
    const doc = sampleDoc();
    (doc.results as Record<string, unknown>[])[0]!.timeline = new Array(100_000).fill('x');
    const started = performance.now();
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'bad.json'))).toBe(
      'bad.json: results[0].timeline[0]: Invalid input: expected object, received string',
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    [{ schemaVersion: 99 }, 'schemaVersion: 99 is newer than this Corelab reads (1 to 6)'],
    [{ schemaVersion: 0 }, 'schemaVersion: 0 is not a snapshot version (1 to 6)'],
    [{ schemaVersion: '2' }, 'schemaVersion: must be a whole number'],
    [{ name: 'x' }, 'schemaVersion: is missing (not a Corelab snapshot)'],
  ])('refuses schema version %j', (doc, message) => {
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'v.json'))).toContain(
      `v.json: ${message}`,
    );
  });

  it('refuses a name with a path in it, inside the file', () => {
    for (const name of ['../x', 'a/b', '.hidden', 'x\0y']) {
      const doc = sampleDoc();
      doc.name = name;
      expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'trick.json'))).toMatch(
        /^trick\.json: name: (may only hold|must not start with a dot)/,
      );
    }
  });

  it('keeps control characters of a hostile file label out of the message', () => {
    expect(refusal(() => parseSnapshot('{', 'evil\u001b[31m\n.json'))).toMatch(
      /^evil\?\[31m\?\.json: /,
    );
  });

  it('needs one model start time per result', () => {
    const doc = sampleDoc();
    doc.modelStartsMs = [1];
    expect(refusal(() => parseSnapshot(JSON.stringify(doc), 'starts.json'))).toBe(
      'starts.json: modelStartsMs: must have one entry per result (2), not 1',
    );
  });
});

describe('buildSnapshot', () => {
  it('adds the meta to the content and checks the whole', () => {
    const snapshot = sampleSnapshot('built', runContent());
    expect(snapshot).toMatchObject({
      schemaVersion: CURRENT_SNAPSHOT_VERSION,
      name: 'built',
      kind: 'run',
      host: HOST_INFO,
      appVersion: '0.1.0',
    });
    expect(summarizeSnapshot(snapshot)).toEqual({
      kind: 'run',
      note: 'before the change',
      createdAt: '2025-01-02T03:05:00.000Z',
      appVersion: '0.1.0',
      workload: 'cpu.primes',
      models: ['event-loop', 'worker-threads'],
      cpuModel: 'Test CPU',
      logicalCores: 4,
      platform: 'linux',
    });
  });

  it('refuses content that does not fit, naming the field', () => {
    const content = { ...runContent(), results: [modelResult({ workers: 0 })] };
    expect(
      refusal(() =>
        buildSnapshot(
          {
            name: 'x',
            note: '',
            createdAt: '2025-01-02T03:05:00.000Z',
            appVersion: '0.1.0',
            host: HOST_INFO,
          },
          content,
        ),
      ),
    ).toBe('snapshot results[0].workers: Too small: expected number to be >0');
  });
});

describe('limits', () => {
  it('counts UTF-8 bytes as the file will hold them', () => {
    for (const text of ['abc', 'é', '€', '😀', 'a😀é€']) {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });

  it('passes a document within every limit', () => {
    expect(checkJsonLimits(sampleDoc())).toBeNull();
  });
});

describe('control characters in text', () => {
  it('refuses them in the note, the host and every other string, naming the field', () => {
    expect(refusal(() => sampleSnapshot('x', runContent(), { note: 'a\u001b[2Jb' }))).toBe(
      'snapshot note: must not hold control characters (found U+001B)',
    );
    const host = { ...HOST_INFO, cpuModel: 'CPU \u009b31m' };
    expect(refusal(() => sampleSnapshot('x', runContent(), { host }))).toContain(
      'host.cpuModel: must not hold control characters (found U+009B)',
    );
    const failing = runContent([
      modelResult({ error: { name: 'Error', message: 'bad\u202eevil' } }),
    ]);
    expect(refusal(() => sampleSnapshot('x', failing))).toContain(
      'results[0].error.message: must not hold control characters (found U+202E)',
    );
  });

  it('keeps newlines and tabs, which notes and stacks use', () => {
    expect(sampleSnapshot('x', runContent(), { note: 'line one\n\tline two' }).note).toBe(
      'line one\n\tline two',
    );
  });
});

describe('freeSnapshotName', () => {
  it('numbers a taken name from 2, skipping numbers in use', () => {
    expect(freeSnapshotName('laptop', new Set(['laptop']))).toBe('laptop 2');
    expect(freeSnapshotName('laptop', new Set(['laptop', 'laptop 2']))).toBe('laptop 3');
  });

  it('shortens a long name so the suffix fits the limit', () => {
    const long = 'x'.repeat(SNAPSHOT_LIMITS.maxNameLength);
    const free = freeSnapshotName(long, new Set([long]));
    expect(free).toHaveLength(SNAPSHOT_LIMITS.maxNameLength);
    expect(free.endsWith(' 2')).toBe(true);
  });
});
