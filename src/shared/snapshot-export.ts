/**
 * A snapshot in the formats other tools read: CSV (one row per model result, for a
 * spreadsheet) and the Chrome Trace Event format (for Perfetto or chrome://tracing), whose
 * timeline has one track per worker and one counter track per core. A pipeline snapshot is one
 * CSV row of totals, and counter tracks of its rates and queue depth beside the cores.
 */
import type { z } from 'zod';
import { THREAD_STATE_LABELS, THREAD_STATES, type ModelResult } from './results';
import { MODELS } from './models';
import { serializeSnapshot, snapshotWorkload, type Snapshot } from './snapshot';
import type { snapshotExportSchema } from './snapshot-wire';

/** The formats a snapshot exports to. */
export const SNAPSHOT_EXPORT_FORMATS = ['json', 'csv', 'trace'] as const;
export type SnapshotExportFormat = (typeof SNAPSHOT_EXPORT_FORMATS)[number];

/** An exported snapshot: what a download or `--out` writes. */
export type SnapshotExport = z.output<typeof snapshotExportSchema>;

const CSV_COLUMNS: readonly [
  string,
  (s: Snapshot, r: ModelResult) => string | number | boolean | null,
][] = [
  ['snapshot', (s) => s.name],
  ['createdAt', (s) => s.createdAt],
  ['cpuModel', (s) => s.host.cpuModel],
  ['logicalCores', (s) => s.host.logicalCores],
  ['kind', (s) => s.kind],
  ['workload', (_s, r) => r.workload],
  ['model', (_s, r) => r.model],
  ['workers', (_s, r) => r.workers],
  ['taskCount', (_s, r) => r.taskCount],
  ['tasksDone', (_s, r) => r.tasksDone],
  ['wallMs', (_s, r) => r.wallMs],
  ['startupMs', (_s, r) => r.startupMs],
  ['tasksPerSec', (_s, r) => r.tasksPerSec],
  ['latencyP50Ms', (_s, r) => r.latency.p50Ms],
  ['latencyP95Ms', (_s, r) => r.latency.p95Ms],
  ['latencyP99Ms', (_s, r) => r.latency.p99Ms],
  ['latencyMeanMs', (_s, r) => r.latency.meanMs],
  ['latencyMaxMs', (_s, r) => r.latency.maxMs],
  ['cpuTimeMs', (_s, r) => r.cpuTimeMs],
  ['peakRssBytes', (_s, r) => r.peakRssBytes],
  ['eventLoopDelayP99Ms', (_s, r) => r.eventLoopDelay?.p99Ms ?? null],
  ['frameDelayP99Ms', (_s, r) => r.frameDelay?.p99Ms ?? null],
  ['checksum', (_s, r) => r.checksum],
  ['expectedChecksum', (_s, r) => r.expectedChecksum],
  ['verified', (_s, r) => r.verified],
  ['isPartial', (_s, r) => r.isPartial],
  ['error', (_s, r) => r.error?.message ?? null],
  ...THREAD_STATES.map((state): [string, (s: Snapshot, r: ModelResult) => number | null] => [
    `${state}Share`,
    (_s, r) => r.timeShares[state],
  ]),
  ['timeSharesUnavailableReason', (_s, r) => r.timeShares.unavailableReason ?? null],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with quotes
 * doubled. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe, so an error message from an imported file cannot become a formula.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

type PipelineSnapshot = Extract<Snapshot, { kind: 'pipeline' }>;

const PIPELINE_CSV_COLUMNS: readonly [
  string,
  (s: PipelineSnapshot) => string | number | boolean | null,
][] = [
  ['snapshot', (s) => s.name],
  ['createdAt', (s) => s.createdAt],
  ['cpuModel', (s) => s.host.cpuModel],
  ['logicalCores', (s) => s.host.logicalCores],
  ['kind', (s) => s.kind],
  ['model', (s) => s.pipeline.model],
  ['transport', (s) => s.pipeline.transport],
  ['producers', (s) => s.config.producers],
  ['consumers', (s) => s.config.consumers],
  ['intervalMs', (s) => s.config.intervalMs],
  ['capacity', (s) => s.config.capacity],
  ['workPerEvent', (s) => s.config.workPerEvent],
  ['runMs', (s) => s.pipeline.runMs],
  ['drainMs', (s) => s.pipeline.drainMs],
  ['stopReason', (s) => s.pipeline.stopReason],
  ['produced', (s) => s.pipeline.totals.produced],
  ['consumed', (s) => s.pipeline.totals.consumed],
  ['leftInQueue', (s) => s.pipeline.totals.leftInQueue],
  ['lost', (s) => s.pipeline.totals.lost],
  ['duplicates', (s) => s.pipeline.totals.duplicates],
  ['outOfOrder', (s) => s.pipeline.totals.outOfOrder],
  ['maxDepth', (s) => s.pipeline.totals.maxDepth],
  ['producedPerSec', (s) => s.pipeline.totals.producedPerSec],
  ['consumedPerSec', (s) => s.pipeline.totals.consumedPerSec],
  ['latencyP50Ms', (s) => s.pipeline.totals.latency.p50Ms],
  ['latencyP95Ms', (s) => s.pipeline.totals.latency.p95Ms],
  ['latencyP99Ms', (s) => s.pipeline.totals.latency.p99Ms],
  ['latencyMaxMs', (s) => s.pipeline.totals.latency.maxMs],
  ['lockWaitMs', (s) => s.pipeline.totals.lockWaitMs],
  ['producerBlockedMs', (s) => s.pipeline.totals.producerBlockedMs],
  ['error', (s) => s.pipeline.error?.message ?? null],
];

/**
 * The snapshot's results as CSV, CRLF lines: a header row, then one row per model result, or
 * for a pipeline one row with its totals.
 */
export function snapshotToCsv(snapshot: Snapshot): string {
  if (snapshot.kind === 'pipeline') {
    const header = PIPELINE_CSV_COLUMNS.map(([name]) => name).join(',');
    const row = PIPELINE_CSV_COLUMNS.map(([, read]) => csvField(read(snapshot))).join(',');
    return `${header}\r\n${row}\r\n`;
  }
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const result of snapshot.results) {
    lines.push(CSV_COLUMNS.map(([, read]) => csvField(read(snapshot, result))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One event of the Trace Event format (the fields Corelab uses). */
export interface TraceEvent {
  name: string;
  /** X: a complete event with a duration; M: metadata (names); C: a counter sample. */
  ph: 'X' | 'M' | 'C';
  pid: number;
  tid: number;
  /** Microseconds from the trace's start. */
  ts?: number;
  dur?: number;
  cat?: string;
  args?: Record<string, string | number | boolean>;
}

/** A JSON Object Format trace document. */
export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, string>;
}

/** The process id of the core counters; models (or a pipeline's counters) follow from 2 on. */
const CORES_PID = 1;

/** Ms → µs, to the nanosecond. */
const micros = (ms: number): number => Math.round(ms * 1_000_000) / 1000;

/**
 * Epoch ms at which each result's model began: the recorded start where there is one, else
 * right after the previous model (models run one after another), from the run's start.
 */
function modelStarts(snapshot: Snapshot): number[] {
  const runStart = Date.parse(snapshot.startedAt);
  let next = Number.isFinite(runStart) ? runStart : (snapshot.coreSeries[0]?.t ?? 0);
  return snapshot.results.map((result, index) => {
    const start = snapshot.modelStartsMs[index] ?? next;
    next = start + result.wallMs;
    return start;
  });
}

/**
 * The snapshot as a Chrome trace: a process per model result with a thread per worker lane
 * and an X event per task (a pipeline: a process with its rate and depth counters), and a
 * "Cores" process with one counter track per logical core.
 */
export function snapshotToChromeTrace(snapshot: Snapshot): ChromeTrace {
  const starts = modelStarts(snapshot);
  const originMs = Math.min(
    snapshot.coreSeries[0]?.t ?? Number.POSITIVE_INFINITY,
    ...starts,
    snapshot.kind === 'pipeline' ? (snapshot.pipeline.samples[0]?.t ?? Infinity) : Infinity,
    Number.isFinite(Date.parse(snapshot.startedAt)) ? Date.parse(snapshot.startedAt) : Infinity,
  );
  const origin = Number.isFinite(originMs) ? originMs : 0;
  const events: TraceEvent[] = [
    {
      name: 'process_name',
      ph: 'M',
      pid: CORES_PID,
      tid: 0,
      args: { name: `Cores: ${snapshot.host.cpuModel}` },
    },
    { name: 'process_sort_index', ph: 'M', pid: CORES_PID, tid: 0, args: { sort_index: 0 } },
  ];
  for (const sample of snapshot.coreSeries) {
    const ts = micros(sample.t - origin);
    sample.cores.forEach((busy, core) => {
      events.push({
        name: `core ${core}`,
        ph: 'C',
        pid: CORES_PID,
        tid: 0,
        ts,
        args: { 'busy %': busy },
      });
    });
  }
  if (snapshot.kind === 'pipeline') events.push(...pipelineCounters(snapshot, origin));
  snapshot.results.forEach((result, index) => {
    const pid = CORES_PID + 1 + index;
    const startMs = starts[index]! - origin;
    const workerWord = result.model === 'event-loop' ? 'in flight' : 'workers';
    events.push(
      {
        name: 'process_name',
        ph: 'M',
        pid,
        tid: 0,
        args: { name: `${MODELS[result.model].label} (${result.workers} ${workerWord})` },
      },
      { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: index + 1 } },
    );
    for (let worker = 0; worker < result.workers; worker++) {
      events.push({
        name: 'thread_name',
        ph: 'M',
        pid,
        tid: worker + 1,
        args: { name: `worker ${worker}` },
      });
    }
    for (const task of result.timeline) {
      events.push({
        name: `task ${task.taskIndex}`,
        cat: task.isOk ? 'task' : 'task,failed',
        ph: 'X',
        pid,
        tid: task.worker + 1,
        ts: micros(startMs + task.startMs),
        dur: micros(Math.max(0, task.endMs - task.startMs)),
        args: {
          taskIndex: task.taskIndex,
          isOk: task.isOk,
          ...(task.cpu === null ? {} : { cpu: task.cpu }),
        },
      });
    }
    events.push(...stateSliceEvents(result, pid, startMs));
  });
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: {
      snapshot: snapshot.name,
      createdAt: snapshot.createdAt,
      workload: snapshotWorkload(snapshot),
      cpuModel: snapshot.host.cpuModel,
      appVersion: snapshot.appVersion,
    },
  };
}

/** Worker tracks of thread states start here, after the task tracks. */
const STATE_TID_BASE = 10_000;

/**
 * Each worker's thread states as a track of its own beside its tasks, like Perfetto's thread
 * state rows: a slice per stretch spent running, waiting for a core, blocked, idle or messaging.
 */
function stateSliceEvents(result: ModelResult, pid: number, startMs: number): TraceEvent[] {
  const slices = result.stateSlices ?? [];
  const workers = [...new Set(slices.map((s) => s.worker))];
  return [
    ...workers.map((worker): TraceEvent => ({
      name: 'thread_name',
      ph: 'M',
      pid,
      tid: STATE_TID_BASE + worker,
      args: { name: `worker ${worker} state` },
    })),
    ...slices.map((slice): TraceEvent => ({
      name: THREAD_STATE_LABELS[slice.state],
      cat: 'thread-state',
      ph: 'X',
      pid,
      tid: STATE_TID_BASE + slice.worker,
      ts: micros(startMs + slice.startMs),
      dur: micros(Math.max(0, slice.endMs - slice.startMs)),
      args: slice.cpu === null ? {} : { cpu: slice.cpu },
    })),
  ];
}

/** A pipeline's samples as counter tracks: events/s produced and consumed, and queue depth. */
function pipelineCounters(snapshot: PipelineSnapshot, origin: number): TraceEvent[] {
  const pid = CORES_PID + 1;
  const { pipeline } = snapshot;
  const events: TraceEvent[] = [
    {
      name: 'process_name',
      ph: 'M',
      pid,
      tid: 0,
      args: { name: `Pipeline: ${pipeline.model} (${pipeline.transport})` },
    },
    { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: 1 } },
  ];
  for (const sample of pipeline.samples) {
    const ts = micros(sample.t - origin);
    events.push(
      { name: 'produced/s', ph: 'C', pid, tid: 0, ts, args: { 'events/s': sample.producedPerSec } },
      { name: 'consumed/s', ph: 'C', pid, tid: 0, ts, args: { 'events/s': sample.consumedPerSec } },
      { name: 'queue depth', ph: 'C', pid, tid: 0, ts, args: { events: sample.depth } },
    );
  }
  return events;
}

/** A snapshot as a file of `format`, named after the snapshot. */
export function exportSnapshot(snapshot: Snapshot, format: SnapshotExportFormat): SnapshotExport {
  switch (format) {
    case 'json':
      return {
        fileName: `${snapshot.name}.json`,
        mimeType: 'application/json',
        text: serializeSnapshot(snapshot),
      };
    case 'csv':
      return {
        fileName: `${snapshot.name}.csv`,
        mimeType: 'text/csv',
        text: snapshotToCsv(snapshot),
      };
    case 'trace':
      return {
        fileName: `${snapshot.name}.trace.json`,
        mimeType: 'application/json',
        text: JSON.stringify(snapshotToChromeTrace(snapshot)),
      };
    default: {
      const unknown: never = format;
      throw new Error(`unknown export format ${String(unknown)}`);
    }
  }
}
