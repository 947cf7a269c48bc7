/**
 * Scaling data as CSV, for `corelab fit`, the sweep panel's import and a sweep's export: a
 * header row naming `workers` and `throughput` (or `wallMs`, converted), then one row per
 * observation. A strict parser of its own rather than a CSV library: the cells are numbers,
 * every refusal must name its line, and it has to run in the page and in Node alike.
 */
import { invalidArgument } from '../errors';
import { throughputOfWallMs, USL_MIN_WORKER_COUNTS, type ScalingObservation } from './scaling';

/** Larger files are refused before they are read: scaling data is a few hundred rows. */
export const MAX_SCALING_CSV_BYTES = 1024 * 1024;

/** Refuses a file by its size, before reading it. */
export function checkScalingCsvSize(bytes: number, label: string): void {
  if (bytes > MAX_SCALING_CSV_BYTES) {
    throw invalidArgument(
      label,
      `is ${formatMiB(bytes)}; scaling data must be at most ${formatMiB(MAX_SCALING_CSV_BYTES)}`,
    );
  }
}

/**
 * Observations of a CSV text. Throws a LabError ('invalid-argument') naming the file and line:
 * no header, a missing column, a cell that is not a number, N not a positive whole number, a
 * worker count given twice (unless a `round` column tells the rounds apart), fewer than
 * USL_MIN_WORKER_COUNTS rows.
 */
export function parseScalingCsv(text: string, label = 'CSV'): ScalingObservation[] {
  checkScalingCsvSize(text.length, label);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) throw invalidArgument(label, 'is empty');
  const header = cells(lines[headerIndex]!).map((name) => name.toLowerCase());
  const at = (line: number, rule: string) => invalidArgument(`${label} line ${line + 1}`, rule);
  if (header.some((name) => name !== '' && Number.isFinite(Number(name)))) {
    throw at(headerIndex, 'is not a header row: name the columns, e.g. "workers,throughput"');
  }
  const workersColumn = header.indexOf('workers');
  const throughputColumn = header.indexOf('throughput');
  const wallColumn = header.indexOf('wallms');
  const roundColumn = header.indexOf('round');
  const valueColumn = throughputColumn >= 0 ? throughputColumn : wallColumn;
  if (workersColumn < 0 || valueColumn < 0) {
    throw at(headerIndex, 'must name the columns workers and throughput (or wallMs)');
  }
  const valueName = throughputColumn >= 0 ? 'throughput' : 'wallMs';
  const seen = new Map<string, number>();
  const observations: ScalingObservation[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const row = cells(line);
    if (row.length !== header.length) {
      throw at(index, `has ${row.length} cells; the header has ${header.length}`);
    }
    const number = (column: number, name: string): number => {
      const cell = row[column]!;
      const value = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) throw at(index, `${name} "${cell}" is not a number`);
      return value;
    };
    const workers = number(workersColumn, 'workers');
    if (!Number.isInteger(workers) || workers < 1) {
      throw at(index, `workers must be a positive whole number (got ${workers})`);
    }
    const value = number(valueColumn, valueName);
    if (value <= 0) throw at(index, `${valueName} must be positive (got ${value})`);
    const key = roundColumn >= 0 ? `${workers}/${row[roundColumn]}` : String(workers);
    const first = seen.get(key);
    if (first !== undefined) {
      throw at(
        index,
        `repeats workers = ${workers}${roundColumn >= 0 ? ` in round ${row[roundColumn]}` : ''} ` +
          `(first on line ${first + 1}); add a round column for several rounds per N`,
      );
    }
    seen.set(key, index);
    observations.push({
      workers,
      throughput: valueName === 'throughput' ? value : throughputOfWallMs(value),
    });
  }
  if (observations.length < USL_MIN_WORKER_COUNTS) {
    throw invalidArgument(
      label,
      `has ${observations.length} data rows; a scaling fit needs at least ${USL_MIN_WORKER_COUNTS}`,
    );
  }
  return observations;
}

/** Observations as the CSV parseScalingCsv reads, CRLF lines. */
export function scalingCsv(observations: readonly ScalingObservation[]): string {
  const rows = observations.map(({ workers, throughput }) => `${workers},${throughput}`);
  return ['workers,throughput', ...rows, ''].join('\r\n');
}

/**
 * The cells of one line, trimmed. A quoted cell may hold commas and doubled quotes (RFC 4180),
 * so Corelab's own snapshot CSV, whose text columns are quoted, reads too.
 */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (isQuoted) {
      if (char !== '"') cell += char;
      else if (line[i + 1] === '"') cell += line[++i];
      else isQuoted = false;
    } else if (char === '"') {
      isQuoted = true;
    } else if (char === ',') {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  out.push(cell.trim());
  return out;
}

/** Bytes as MiB for a message. */
function formatMiB(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
