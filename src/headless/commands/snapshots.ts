/** `corelab snapshots …`: list, show, export, import, delete and compare saved snapshots. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { corelabDataDir, snapshotDirIn } from '../../main/engine/data-dir';
import { readRegularFile } from '../../main/engine/bounded-file';
import { createSnapshotStore, type SnapshotStore } from '../../main/engine/snapshot-store';
import { LabError } from '../../shared/errors';
import {
  formatBytes,
  formatMs,
  formatPercent,
  formatSignificant,
  formatSpeedup,
} from '../../shared/format';
import {
  SNAPSHOT_LIMITS,
  cleanFileLabel,
  snapshotTaskCount,
  type Snapshot,
  type SnapshotListEntry,
} from '../../shared/snapshot';
import { textReport } from './live';
import { compareSnapshots, type SnapshotComparison } from '../../shared/snapshot-compare';
import { SNAPSHOT_EXPORT_FORMATS, type SnapshotExportFormat } from '../../shared/snapshot-export';
import { parseFlags, UsageError } from '../cli-args';
import { renderTable, terminalSafe } from '../tty';
import { describePipeline } from './pipeline';
import { describeRun, describeTimeShares } from './run';

/** Where the command writes; tests and callers other than the CLI pass their own. */
export interface SnapshotsIo {
  store: SnapshotStore;
  out(text: string): void;
  err(text: string): void;
}

function defaultIo(): SnapshotsIo {
  return {
    store: createSnapshotStore(snapshotDirIn(corelabDataDir())),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}

/** The one NAME a subcommand takes. */
function oneName(positionals: string[], subcommand: string): string {
  if (positionals.length !== 1) throw new UsageError(`snapshots ${subcommand} takes one NAME`);
  return positionals[0]!;
}

/** A date as "2025-01-02 03:04" (UTC), short enough for a table. */
function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function describeList(entries: readonly SnapshotListEntry[], dir: string): string {
  if (entries.length === 0) return `No snapshots in ${dir}\n`;
  const rows = entries
    .filter((e) => e.summary)
    .map((e) => {
      const s = e.summary!;
      return [
        e.name,
        s.kind,
        s.workload,
        s.models.join(','),
        `${s.cpuModel} (${s.logicalCores})`,
        shortDate(s.createdAt),
        formatBytes(e.sizeBytes),
      ];
    });
  const bad = entries.filter((e) => e.error).map((e) => `✗ ${e.name}: ${e.error}`);
  const table =
    rows.length > 0
      ? renderTable(['name', 'kind', 'workload', 'models', 'host (cores)', 'created', 'size'], rows)
      : '';
  return `${[table, ...bad].filter(Boolean).join('\n')}\n`;
}

/** What a run or sweep ran, or a pipeline's totals, under the snapshot's host lines. */
function describeMeasurement(snapshot: Snapshot): string[] {
  const cores = `Cores    ${snapshot.coreSeries.length} samples recorded`;
  if (snapshot.kind === 'pipeline') {
    return [
      `Pipeline ${snapshot.pipeline.samples.length} samples recorded`,
      cores,
      '',
      describePipeline(snapshot.pipeline),
    ];
  }
  if (snapshot.kind === 'live') {
    const { workload, taskUs } = snapshot.config;
    return [
      `Live     ${workload}, tasks of about ${taskUs} µs at first`,
      cores,
      '',
      textReport(snapshot.live),
    ];
  }
  const params = Object.entries(snapshot.config.params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return [
    `Workload ${snapshot.config.workload}${params ? ` ${params}` : ''}, ${snapshotTaskCount(snapshot) ?? 'default'} tasks`,
    cores,
    '',
    describeRun(snapshot.results),
    '',
    describeTimeShares(snapshot.results),
  ];
}

function describeSnapshot(snapshot: Snapshot): string {
  const { host } = snapshot;
  const lines = [
    `Snapshot ${snapshot.name} (${snapshot.kind}), saved ${snapshot.createdAt} by Corelab ${snapshot.appVersion}`,
    ...(snapshot.note ? [`Note     ${snapshot.note}`] : []),
    `Host     ${host.cpuModel}, ${host.logicalCores} logical / ${host.physicalCores} physical cores, ${formatBytes(host.memoryBytes)}`,
    `OS       ${host.os.distro} ${host.os.release} (${host.os.platform}/${host.os.arch}), Node ${host.versions.node}` +
      (host.versions.electron ? `, Electron ${host.versions.electron}` : ''),
    ...describeMeasurement(snapshot),
  ];
  if (snapshot.kind === 'sweep') {
    lines.push(
      '',
      renderTable(
        ['workers', 'wall', 'speedup', 'efficiency'],
        snapshot.points.map((p) => [
          String(p.workers),
          formatMs(p.wallMs),
          formatSpeedup(p.speedup),
          formatPercent(p.efficiency),
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function describeComparison(comparison: SnapshotComparison): string {
  const { snapshots, rows } = comparison;
  const header = [
    'model',
    ...snapshots.map((s) => `${s.label} tasks/s`),
    ...snapshots.slice(1).map((s) => `${s.label}/A`),
  ];
  const table = renderTable(
    header,
    rows.map((row) => [
      row.model,
      // Throughput to 4 digits, and the worker count it was measured at.
      ...row.cells.map((cell) =>
        cell ? `${formatSignificant(cell.tasksPerSec, 4)} @${cell.workers}` : '—',
      ),
      ...row.ratios.slice(1).map((ratio) => (ratio === null ? '—' : `${ratio.toFixed(2)}×`)),
    ]),
  );
  const hosts = snapshots.map(
    (s) =>
      `${s.label}  ${s.name}: ${s.host.cpuModel}, ${s.host.logicalCores} logical cores, ${s.host.os.platform}; ${s.workload}, saved ${shortDate(s.createdAt)}`,
  );
  const pipelineRates = comparison.pipelineRates
    .map((rate, i) =>
      rate === null ? null : `${snapshots[i]!.label} ${formatSignificant(rate, 4)}`,
    )
    .filter((part) => part !== null);
  return `${[
    ...hosts,
    '',
    table,
    ...(pipelineRates.length > 0
      ? ['', `Pipeline consumed events/s: ${pipelineRates.join(', ')}`]
      : []),
    '',
    ...comparison.sentences,
    ...comparison.warnings.map((w) => `Note: ${w}`),
  ].join('\n')}\n`;
}

/** Reads a file to import: a regular file only, and no more than a snapshot may be. */
async function readImportFile(file: string): Promise<string> {
  const label = cleanFileLabel(path.basename(file));
  try {
    return await readRegularFile(file, SNAPSHOT_LIMITS.maxFileBytes, label);
  } catch (error) {
    if (error instanceof LabError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LabError('not-found', `${label}: cannot be read (${code ?? String(error)})`);
  }
}

/** Runs one `snapshots` subcommand and resolves with its exit code. */
export async function snapshotsCommand(
  argv: string[],
  io: SnapshotsIo = defaultIo(),
): Promise<number> {
  const [subcommand, ...rest] = argv;
  const { store } = io;
  // Names, notes and host strings come from files: nothing in them reaches the terminal raw.
  const out = (text: string): void => io.out(terminalSafe(text));
  const err = (text: string): void => io.err(terminalSafe(text));
  switch (subcommand) {
    case 'list': {
      const { values } = parseFlags(rest, { json: { type: 'boolean' } });
      const entries = await store.list();
      out(values.json ? `${JSON.stringify(entries, null, 2)}\n` : describeList(entries, store.dir));
      return 0;
    }
    case 'show': {
      const { values, positionals } = parseFlags(rest, { json: { type: 'boolean' } }, true);
      const snapshot = await store.load(oneName(positionals, 'show'));
      out(values.json ? `${JSON.stringify(snapshot)}\n` : describeSnapshot(snapshot));
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseFlags(
        rest,
        { format: { type: 'string' }, out: { type: 'string' } },
        true,
      );
      const format = values.format;
      if (!SNAPSHOT_EXPORT_FORMATS.includes(format as SnapshotExportFormat)) {
        throw new UsageError(`--format must be one of ${SNAPSHOT_EXPORT_FORMATS.join(', ')}`);
      }
      const exported = await store.export(
        oneName(positionals, 'export'),
        format as SnapshotExportFormat,
      );
      if (typeof values.out === 'string' && values.out !== '') {
        await writeFile(values.out, exported.text, 'utf8');
        err(`Wrote ${values.out} (${formatBytes(Buffer.byteLength(exported.text))})\n`);
      } else {
        out(exported.text);
      }
      return 0;
    }
    case 'import': {
      const { positionals } = parseFlags(rest, {}, true);
      if (positionals.length !== 1) throw new UsageError('snapshots import takes one FILE');
      const file = positionals[0]!;
      try {
        const entry = await store.import(await readImportFile(file), path.basename(file));
        out(`Imported "${entry.name}" into ${store.dir}\n`);
        return 0;
      } catch (error) {
        // A bad file is not a usage mistake: say what is wrong with it, exit 1.
        if (error instanceof LabError && error.code === 'invalid-argument') {
          err(`corelab: cannot import ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    }
    case 'delete': {
      const { positionals } = parseFlags(rest, {}, true);
      const name = oneName(positionals, 'delete');
      await store.delete(name);
      out(`Deleted "${name}"\n`);
      return 0;
    }
    case 'compare': {
      const { values, positionals } = parseFlags(rest, { json: { type: 'boolean' } }, true);
      if (positionals.length < 2) throw new UsageError('snapshots compare takes two or more NAMEs');
      const snapshots: Snapshot[] = [];
      for (const name of positionals) snapshots.push(await store.load(name));
      const comparison = compareSnapshots(snapshots);
      out(
        values.json ? `${JSON.stringify(comparison, null, 2)}\n` : describeComparison(comparison),
      );
      return 0;
    }
    default:
      throw new UsageError(
        subcommand
          ? `unknown snapshots subcommand "${subcommand}"`
          : 'snapshots needs a subcommand: list, show, export, import, delete or compare',
      );
  }
}
