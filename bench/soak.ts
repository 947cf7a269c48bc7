/**
 * `npm run soak`: 200 short runs in a row through one engine, every Node model each time;
 * prints what the process held before and after and fails (exit 1) if anything leaked.
 * `--runs N` changes the count.
 */
import { parseArgs } from 'node:util';
import { createLabEngine } from '../src/main/engine/lab-engine';
import { builtWorkerScripts } from '../src/headless/engine-paths';
import { renderTable } from '../src/headless/tty';
import { formatBytes, formatMs } from '../src/shared/format';
import { summarizeLatency } from '../src/shared/stats/percentiles';
import { runSoak, SOAK_BOUNDS, soakViolations, type ResourceSnapshot } from './soak-core';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

const engine = createLabEngine({ workerScripts: builtWorkerScripts(), runtimes: ['node'] });
const result = await runSoak(engine, runs, (done) => {
  if (done % 20 === 0) process.stderr.write(`soak: ${done}/${runs} runs\n`);
});
await engine.close();

const row = (
  name: string,
  pick: (s: ResourceSnapshot) => number | null,
  bound: number,
  format: (n: number) => string = String,
): string[] => {
  const start = pick(result.start);
  const end = pick(result.end);
  const growth = start === null || end === null ? null : end - start;
  return [
    name,
    start === null ? 'n/a' : format(start),
    end === null ? 'n/a' : format(end),
    growth === null ? 'n/a' : `${growth >= 0 ? '+' : ''}${format(growth)}`,
    `+${format(bound)}`,
  ];
};
const signedBytes = (n: number): string => (n < 0 ? `-${formatBytes(-n)}` : formatBytes(n));
const latency = summarizeLatency(result.runMs);
process.stdout.write(
  `Soak: ${runs} runs × 3 Node models (event-loop, worker-threads, child-process), ` +
    `run p50 ${formatMs(latency.p50Ms)}, p99 ${formatMs(latency.p99Ms)}\n` +
    `${renderTable(
      ['measure', 'start', 'end', 'growth', 'bound'],
      [
        row('open handles', (s) => s.handles, SOAK_BOUNDS.handles),
        row('threads', (s) => s.threads, SOAK_BOUNDS.threads),
        row('child processes', (s) => s.children, SOAK_BOUNDS.children),
        row('heap used (after GC)', (s) => s.heapUsedBytes, SOAK_BOUNDS.heapUsedBytes, signedBytes),
        row('RSS (after GC)', (s) => s.rssBytes, SOAK_BOUNDS.rssBytes, signedBytes),
      ],
    )}\n` +
    `handles at the end: ${JSON.stringify(result.end.handleKinds)}\n`,
);
const problems = soakViolations(result);
if (problems.length > 0) {
  process.stdout.write(`FAILED:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('OK: nothing grew past its bound.\n');
}
