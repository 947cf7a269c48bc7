/** Every measured number of a run, one row per model. */
import {
  formatBytes,
  formatCount,
  formatMs,
  formatMsTriple,
  formatRate,
} from '../../shared/format';
import { formatMsRange } from '../../shared/format-spread';
import { MODELS, describeWorkers } from '../../shared/models';
import { describeFailures, type ModelResult } from '../../shared/results';
import { formatCores } from '../../shared/measurement';

export interface ResultsTableProps {
  results: readonly ModelResult[];
}

/** Why a figure is missing: the page ran the model itself, or it was not measured. */
function notMeasuredReason(result: ModelResult): string {
  return MODELS[result.model].runtime === 'renderer'
    ? 'The page cannot measure this for models that run inside it'
    : 'Not measured in this run';
}

/** What went wrong, in one short phrase, or null. */
export function resultProblem(result: ModelResult): string | null {
  if (result.error?.code === 'cancelled') return 'cancelled';
  const failures = describeFailures(result);
  if (failures) return failures;
  if (result.isPartial) return 'partial';
  return null;
}

/** The checksum cell: ✓ when it matched the reference, ✗ (and why) when not. */
function ChecksumCell({ result }: { result: ModelResult }) {
  const title =
    result.checksum === null
      ? 'No checksum: not every task finished'
      : `checksum ${result.checksum}, expected ${result.expectedChecksum ?? 'unknown'}`;
  return (
    <td className={result.verified ? 'cell-ok' : 'cell-bad'} title={title}>
      {result.verified ? '✓ verified' : result.checksum === null ? '✗ incomplete' : '✗ mismatch'}
    </td>
  );
}

/** A cell for a figure that may not have been measured: "—" then, with the reason. */
function MeasuredCell({
  result,
  value,
  format,
}: {
  result: ModelResult;
  value: number | null;
  format: (value: number) => string;
}) {
  return (
    <td className="num" title={value === null ? notMeasuredReason(result) : undefined}>
      {value === null ? '—' : format(value)}
    </td>
  );
}

/** A table with the numbers behind the charts; a model's errors show under its name. */
export function ResultsTable({ results }: ResultsTableProps) {
  return (
    <div className="table-scroll">
      <table className="results-table" data-testid="results-table">
        <caption className="visually-hidden">Results per model</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Checksum</th>
            <th
              scope="col"
              className="num"
              title="First dispatched task to last result, pool already warm: median of the rounds"
            >
              Wall
            </th>
            <th
              scope="col"
              className="num"
              title="First spawn until every worker was ready and warmed; outside the wall time"
            >
              Start-up
            </th>
            <th scope="col" className="num" title="Tasks per second of the work phase">
              Tasks/s
            </th>
            <th scope="col" className="num" title="Per-task latency percentiles">
              p50 / p95 / p99
            </th>
            <th scope="col" className="num" title="User + system time of the run's processes">
              CPU
            </th>
            <th scope="col" className="num" title="Peak resident memory">
              Memory
            </th>
            <th
              scope="col"
              className="num"
              title="How late the event loop that ran the tasks was, p99: the event-loop model's own thread, else the engine's main loop"
            >
              Loop p99
            </th>
            <th scope="col" className="num" title="This window's frame delay during the run, p99">
              Frame p99
            </th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => {
            const problem = resultProblem(result);
            return (
              <tr
                key={`${result.model}@${result.workers}`}
                data-model={result.model}
                data-verified={String(result.verified)}
              >
                <th scope="row">
                  <span
                    className="model-dot"
                    style={{ backgroundColor: MODELS[result.model].colour }}
                    aria-hidden="true"
                  />
                  {MODELS[result.model].label}
                  <span className="cell-sub">
                    {describeWorkers(result.model, result.workers)} ·{' '}
                    {formatCount(result.tasksDone)}/{formatCount(result.taskCount)} tasks
                  </span>
                  {problem && <span className="cell-sub cell-problem">{problem}</span>}
                  {result.interference?.flagged && (
                    <span
                      className="cell-sub cell-warn"
                      data-testid="row-disturbed"
                      title={result.interference.reasons.join('; ')}
                    >
                      ⚠ disturbed
                      {result.interference.otherLoadCores !== null &&
                        `: ${formatCores(result.interference.otherLoadCores)} of other load`}
                    </span>
                  )}
                </th>
                <ChecksumCell result={result} />
                <td className="num">
                  {formatMs(result.wallMs)}
                  <span className="cell-sub">
                    {result.rounds > 1
                      ? `${formatMsRange(result.wallMsMin, result.wallMsMax)}, ${result.rounds} rounds`
                      : '1 round'}
                  </span>
                </td>
                <td className="num">{formatMs(result.startupMs)}</td>
                <td className="num" title={formatRate(result.tasksPerSec)}>
                  {formatRate(result.tasksPerSec).replace(' tasks/s', '')}
                </td>
                <td className="num cell-wrap">
                  {formatMsTriple([
                    result.latency.p50Ms,
                    result.latency.p95Ms,
                    result.latency.p99Ms,
                  ])}
                </td>
                <MeasuredCell result={result} value={result.cpuTimeMs} format={formatMs} />
                <MeasuredCell result={result} value={result.peakRssBytes} format={formatBytes} />
                <MeasuredCell
                  result={result}
                  value={result.eventLoopDelay?.p99Ms ?? null}
                  format={formatMs}
                />
                <td className="num">
                  {result.frameDelay ? formatMs(result.frameDelay.p99Ms) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
