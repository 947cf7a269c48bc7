import { describe, expect, it } from 'vitest';
import {
  csvField,
  exportSnapshot,
  snapshotToChromeTrace,
  snapshotToCsv,
  type TraceEvent,
} from '../../../src/shared/snapshot-export';
import { parseSnapshot } from '../../../src/shared/snapshot';
import { modelResult } from '../../fixtures/fake-lab-api';
import { runContent, sampleSnapshot, sweepContent } from '../../fixtures/snapshots';

/** Splits RFC 4180 text into rows of fields (enough of a parser to check the quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('snapshotToCsv', () => {
  it('has a header row and one row per model result, CRLF-terminated', () => {
    const text = snapshotToCsv(sampleSnapshot());
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    expect(header.slice(0, 8)).toEqual([
      'snapshot',
      'createdAt',
      'cpuModel',
      'logicalCores',
      'kind',
      'workload',
      'model',
      'workers',
    ]);
    const row = Object.fromEntries(header.map((name, i) => [name, rows[2]![i]]));
    expect(row).toMatchObject({
      snapshot: 'laptop run',
      model: 'worker-threads',
      workers: '2',
      tasksPerSec: '190',
      latencyP99Ms: '5',
      verified: 'true',
      frameDelayP99Ms: '',
      error: '',
    });
  });

  it('leaves a figure the page could not measure empty, never 0', () => {
    const page = modelResult({
      model: 'web-workers',
      cpuTimeMs: null,
      peakRssBytes: null,
      eventLoopDelay: null,
    });
    const rows = parseCsv(snapshotToCsv(sampleSnapshot('page run', runContent([page]))));
    const row = Object.fromEntries(rows[0]!.map((name, i) => [name, rows[1]![i]]));
    expect(row).toMatchObject({
      model: 'web-workers',
      cpuTimeMs: '',
      peakRssBytes: '',
      eventLoopDelayP99Ms: '',
    });
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    const failed = modelResult({
      error: { name: 'Error', message: 'worker said "no",\nthen died' },
    });
    const rows = parseCsv(snapshotToCsv(sampleSnapshot('x', runContent([failed]))));
    expect(rows[1]![rows[0]!.indexOf('error')]).toBe('worker said "no",\nthen died');
    expect(rows[1]).toHaveLength(rows[0]!.length);
  });
});

describe('snapshotToChromeTrace', () => {
  const trace = JSON.parse(JSON.stringify(snapshotToChromeTrace(sampleSnapshot()))) as {
    traceEvents: TraceEvent[];
    displayTimeUnit: string;
  };
  const of = (ph: string): TraceEvent[] => trace.traceEvents.filter((e) => e.ph === ph);

  it('is a JSON object with traceEvents of the right shapes', () => {
    expect(trace.displayTimeUnit).toBe('ms');
    for (const event of trace.traceEvents) {
      expect(['X', 'M', 'C']).toContain(event.ph);
      expect(Number.isInteger(event.pid)).toBe(true);
      expect(Number.isInteger(event.tid)).toBe(true);
      expect(typeof event.name).toBe('string');
      if (event.ph !== 'M') expect(event.ts).toBeGreaterThanOrEqual(0);
    }
  });

  it('has a complete event per task, on its model process and worker thread, in µs', () => {
    const tasks = of('X');
    expect(tasks).toHaveLength(4);
    // worker-threads is the second result: pid 3; it began 60 ms after the first sample.
    const task = tasks.find((e) => e.pid === 3 && e.tid === 2)!;
    expect(task).toMatchObject({ name: 'task 1', cat: 'task', ts: (60 + 3) * 1000, dur: 5000 });
    expect(task.args).toEqual({ taskIndex: 1, isOk: true });
  });

  it('names each model process and worker lane', () => {
    const names = of('M').filter((e) => e.name === 'thread_name');
    expect(names.map((e) => [e.pid, e.tid, e.args?.name])).toEqual([
      [2, 1, 'worker 0'],
      [3, 1, 'worker 0'],
      [3, 2, 'worker 1'],
    ]);
    const processes = of('M').filter((e) => e.name === 'process_name');
    expect(processes.map((e) => e.args?.name)).toEqual([
      'Cores: Test CPU',
      'Event loop (async/await) (1 in flight)',
      'Worker threads (2 workers)',
    ]);
  });

  it('has a counter track per core, one value per sample', () => {
    const counters = of('C');
    expect(counters).toHaveLength(3 * 4);
    expect(new Set(counters.map((e) => e.name))).toEqual(
      new Set(['core 0', 'core 1', 'core 2', 'core 3']),
    );
    expect(counters.filter((e) => e.name === 'core 1').map((e) => [e.ts, e.args])).toEqual([
      [0, { 'busy %': 20 }],
      [100_000, { 'busy %': 95 }],
      [200_000, { 'busy %': 100 }],
    ]);
  });

  it('places models without a recorded start one after another', () => {
    const sweep = snapshotToChromeTrace(sampleSnapshot('sweep', sweepContent()));
    const starts = [2, 3].map((pid) =>
      Math.min(...sweep.traceEvents.filter((e) => e.ph === 'X' && e.pid === pid).map((e) => e.ts!)),
    );
    // Task 0 starts 3 ms into each model; the second model starts after the first's 20 ms.
    expect(starts).toEqual([3000, 23_000]);
  });
});

describe('exportSnapshot', () => {
  it('names the file after the snapshot, by format', () => {
    const snapshot = sampleSnapshot();
    const json = exportSnapshot(snapshot, 'json');
    expect(json).toMatchObject({ fileName: 'laptop run.json', mimeType: 'application/json' });
    expect(parseSnapshot(json.text, json.fileName)).toEqual(snapshot);
    expect(exportSnapshot(snapshot, 'csv')).toMatchObject({
      fileName: 'laptop run.csv',
      mimeType: 'text/csv',
    });
    const trace = exportSnapshot(snapshot, 'trace');
    expect(trace.fileName).toBe('laptop run.trace.json');
    expect(JSON.parse(trace.text)).toHaveProperty('traceEvents');
  });
});

describe('thread states in the exports', () => {
  const result = modelResult({
    timeline: [{ worker: 0, taskIndex: 0, startMs: 3, endMs: 7, isOk: true, cpu: 1 }],
    stateSlices: [
      { worker: 0, startMs: 3, endMs: 5, state: 'running', cpu: 1 },
      { worker: 0, startMs: 5, endMs: 7, state: 'waitingForCore', cpu: 1 },
    ],
  });
  const snapshot = sampleSnapshot('states', runContent([result]));

  it('writes each share as a CSV column, and the reason where shares are unknown', () => {
    const rows = parseCsv(snapshotToCsv(snapshot));
    const column = (name: string): string => rows[1]![rows[0]!.indexOf(name)]!;
    expect(column('runningShare')).toBe('0.7');
    expect(column('waitingForCoreShare')).toBe('0.1');
    expect(column('timeSharesUnavailableReason')).toBe('');
  });

  it('gives each worker a thread-state track of slices, and each task its cpu', () => {
    const events = snapshotToChromeTrace(snapshot).traceEvents;
    const slices = events.filter((e) => e.cat === 'thread-state');
    expect(slices.map((e) => [e.name, e.args])).toEqual([
      ['running', { cpu: 1 }],
      ['waiting for a core', { cpu: 1 }],
    ]);
    const track = events.find((e) => e.ph === 'M' && e.tid === slices[0]!.tid);
    expect(track?.args).toEqual({ name: 'worker 0 state' });
    expect(events.find((e) => e.cat === 'task')?.args).toMatchObject({ cpu: 1 });
  });
});
