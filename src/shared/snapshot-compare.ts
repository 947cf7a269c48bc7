/**
 * Two or more snapshots side by side: each model's throughput in each, its ratio to the first
 * snapshot, and the difference as a plain sentence ("worker-threads: 1.9× faster on B").
 * Pipeline snapshots are compared by consumed events per second.
 */
import { MODEL_IDS, MODELS, type ModelId } from './models';
import type { HostInfo, ModelResult } from './results';
import { snapshotTaskCount, snapshotWorkload, type Snapshot, type SnapshotKind } from './snapshot';

/** Ratios closer to 1 than this read "about the same": run-to-run noise is a few percent. */
export const SAME_WITHIN = 0.05;

/** A snapshot as the comparison names it. */
export interface ComparedSnapshot {
  /** "A", "B", …: short names for tables and sentences. */
  label: string;
  name: string;
  kind: SnapshotKind;
  host: HostInfo;
  workload: string;
  taskCount: number | undefined;
  createdAt: string;
}

/** A model's best complete result in one snapshot. */
export interface ComparisonCell {
  tasksPerSec: number;
  workers: number;
  wallMs: number;
}

/** One model across the snapshots. */
export interface ComparisonRow {
  model: ModelId;
  /** One per snapshot, in order; null where the snapshot has no complete result for it. */
  cells: (ComparisonCell | null)[];
  /** Throughput relative to the first snapshot (A); null where either side is missing. */
  ratios: (number | null)[];
  /** One sentence per later snapshot that has the model and A has too. */
  sentences: string[];
}

export interface SnapshotComparison {
  snapshots: ComparedSnapshot[];
  rows: ComparisonRow[];
  /** Every row's sentences, in row order. */
  sentences: string[];
  /** Why some numbers may not be comparable (different workloads, sizes or worker counts). */
  warnings: string[];
  /** Consumed events/s of each pipeline snapshot, in order; null for the other kinds. */
  pipelineRates: (number | null)[];
}

/** "A", "B", … "Z", "AA", … */
export function snapshotLabel(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  }
  return label;
}

/** A ratio as "1.9×" with enough digits to tell 1.04 from 1.0. */
function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(ratio < 1.1 ? 2 : 1)}×`;
}

/** The difference of one model (by its label, or 'pipeline') between A and another snapshot. */
export function differenceSentence(
  model: string,
  ratio: number,
  other: ComparedSnapshot,
  base: ComparedSnapshot,
): string {
  const otherName = `${other.label} (${other.name})`;
  const baseName = `${base.label} (${base.name})`;
  if (Math.abs(ratio - 1) < SAME_WITHIN) {
    return `${model}: about the same on ${otherName} as on ${baseName} (${formatRatio(ratio)})`;
  }
  return ratio > 1
    ? `${model}: ${formatRatio(ratio)} faster on ${otherName} than on ${baseName}`
    : `${model}: ${formatRatio(1 / ratio)} slower on ${otherName} than on ${baseName}`;
}

/** The highest-throughput complete result of `model` (a sweep has one per worker count). */
function bestCell(results: readonly ModelResult[], model: ModelId): ComparisonCell | null {
  let best: ModelResult | null = null;
  for (const result of results) {
    if (result.model !== model || result.isPartial || result.error) continue;
    if (!best || result.tasksPerSec > best.tasksPerSec) best = result;
  }
  return best
    ? { tasksPerSec: best.tasksPerSec, workers: best.workers, wallMs: best.wallMs }
    : null;
}

/** Params as stable text, to tell whether two runs did the same work. */
function paramsKey(params: Readonly<Record<string, number>>): string {
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
}

/** What makes the throughputs of the snapshots not like for like. */
function comparabilityWarnings(
  snapshots: readonly Snapshot[],
  compared: readonly ComparedSnapshot[],
  rows: readonly ComparisonRow[],
): string[] {
  const warnings: string[] = [];
  const base = snapshots[0]!;
  snapshots.slice(1).forEach((snapshot, i) => {
    const label = compared[i + 1]!.label;
    if ((snapshot.kind === 'pipeline') !== (base.kind === 'pipeline')) {
      warnings.push(
        `${label} is a ${snapshot.kind} and A is a ${base.kind}: a pipeline is compared only with pipelines`,
      );
    } else if ((snapshot.kind === 'live') !== (base.kind === 'live')) {
      warnings.push(
        `${label} is a ${snapshot.kind} and A is a ${base.kind}: a live run is compared only with live runs`,
      );
    } else if (snapshot.kind === 'pipeline' || base.kind === 'pipeline') {
      if (pipelineSetupKey(snapshot) !== pipelineSetupKey(base)) {
        warnings.push(
          `${label} ran the pipeline with other producers, consumers, interval, capacity or work than A: rates may differ for that reason`,
        );
      }
    } else if (snapshot.config.workload !== base.config.workload) {
      warnings.push(
        `${label} ran ${snapshot.config.workload} and A ran ${base.config.workload}: their throughputs measure different work`,
      );
    } else if (
      paramsKey(snapshot.config.params) !== paramsKey(base.config.params) ||
      snapshotTaskCount(snapshot) !== snapshotTaskCount(base)
    ) {
      warnings.push(
        `${label} ran ${snapshot.config.workload} with other parameters or task count than A: tasks may differ in size`,
      );
    }
  });
  for (const row of rows) {
    const counts = new Set(row.cells.filter((c) => c !== null).map((c) => c.workers));
    if (counts.size > 1) {
      const detail = row.cells
        .map((cell, i) => (cell ? `${cell.workers} on ${compared[i]!.label}` : null))
        .filter((part) => part !== null)
        .join(', ');
      warnings.push(`${row.model} ran with different worker counts (${detail})`);
    }
  }
  return warnings;
}

/** A pipeline's setup as stable text, to tell whether two pipelines did the same work. */
function pipelineSetupKey(snapshot: Snapshot): string {
  if (snapshot.kind !== 'pipeline') return '';
  const { producers, consumers, intervalMs, capacity, workPerEvent } = snapshot.config;
  return JSON.stringify([producers, consumers, intervalMs, capacity, workPerEvent]);
}

/** Consumed events/s of each pipeline snapshot, and a sentence per later one against the first. */
function comparePipelines(
  snapshots: readonly Snapshot[],
  compared: readonly ComparedSnapshot[],
): { rates: (number | null)[]; sentences: string[] } {
  const rates = snapshots.map((s) =>
    s.kind === 'pipeline' && !s.pipeline.error ? s.pipeline.totals.consumedPerSec : null,
  );
  const baseIndex = rates.findIndex((rate) => rate !== null && rate > 0);
  const sentences: string[] = [];
  if (baseIndex === -1) return { rates, sentences };
  rates.forEach((rate, index) => {
    if (index <= baseIndex || rate === null) return;
    const ratio = rate / rates[baseIndex]!;
    sentences.push(
      `${differenceSentence('pipeline', ratio, compared[index]!, compared[baseIndex]!)} (consumed events/s)`,
    );
  });
  return { rates, sentences };
}

/** Compares two or more snapshots, the first being the baseline the ratios are relative to. */
export function compareSnapshots(snapshots: readonly Snapshot[]): SnapshotComparison {
  const compared: ComparedSnapshot[] = snapshots.map((snapshot, index) => ({
    label: snapshotLabel(index),
    name: snapshot.name,
    kind: snapshot.kind,
    host: snapshot.host,
    workload: snapshotWorkload(snapshot),
    taskCount: snapshotTaskCount(snapshot),
    createdAt: snapshot.createdAt,
  }));
  const present = new Set(snapshots.flatMap((s) => s.results.map((r) => r.model)));
  const rows: ComparisonRow[] = MODEL_IDS.filter((model) => present.has(model)).map((model) => {
    const cells = snapshots.map((snapshot) => bestCell(snapshot.results, model));
    const base = cells[0] ?? null;
    const ratios = cells.map((cell) =>
      cell && base && base.tasksPerSec > 0 ? cell.tasksPerSec / base.tasksPerSec : null,
    );
    const sentences: string[] = [];
    ratios.forEach((ratio, index) => {
      if (index === 0 || ratio === null) return;
      sentences.push(
        differenceSentence(MODELS[model].label, ratio, compared[index]!, compared[0]!),
      );
    });
    return { model, cells, ratios, sentences };
  });
  const pipelines = comparePipelines(snapshots, compared);
  return {
    snapshots: compared,
    rows,
    sentences: [...rows.flatMap((row) => row.sentences), ...pipelines.sentences],
    warnings: snapshots.length > 0 ? comparabilityWarnings(snapshots, compared, rows) : [],
    pipelineRates: pipelines.rates,
  };
}
