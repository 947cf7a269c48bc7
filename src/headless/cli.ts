/** The corelab command line: info, run, sweep, monitor, serve. */
import { availableParallelism } from 'node:os';
import { errorMessage, LabError } from '../shared/errors';
import { UsageError } from './cli-args';
import { infoCommand } from './commands/info';
import { monitorCommand } from './commands/monitor';
import { pipelineCommand } from './commands/pipeline';
import { runCommand } from './commands/run';
import { snapshotsCommand } from './commands/snapshots';
import { sweepCommand } from './commands/sweep';
import { runServe } from './serve-command';

export const USAGE = `Usage: corelab <command> [options]

Commands:
  info [--json]                         this machine: CPU, cores, memory, OS
  run --workload W --models a,b,c [--workers N[,M…]] [--tasks T] [--param k=v]… [--json]
      [--on-failure continue|fail-fast] [--task-timeout MS] [--memory-limit MIB]
      [--rounds R] [--target-s S] [--other-load-limit CORES] [--save NAME [--note TEXT]]
                                        compare models on one workload; the size is
                                        calibrated to about S s (2) for the slowest model
                                        unless --tasks/--param set it; R rounds (1)
  sweep --workload W --model M --max-workers K [--tasks T] [--param k=v]… [--json]
      [--rounds R] [--target-s S] [--other-load-limit CORES] [--save NAME [--note TEXT]]
                                        one model at 1..K workers: speedup and fits,
                                        R rounds per point (3)
  snapshots list [--json]               saved snapshots (a bad file is listed with its error)
  snapshots show NAME [--json]          one snapshot: host, configuration, results
  snapshots export NAME --format json|csv|trace [--out FILE]
                                        as JSON, CSV (a row per result) or a Chrome trace
  snapshots import FILE                 add a snapshot file (checked first; never overwrites)
  snapshots delete NAME
  snapshots compare A B [C…] [--json]   throughput per model side by side, and the ratios
  monitor [--hz H] [--duration S] [--json]
                                        per-core utilisation, live
  pipeline --model M [--producers P] [--consumers C] [--interval-ms I] [--capacity Q]
           [--work W] [--duration S] [--seed N] [--json] [--save NAME [--note TEXT]]
                                        producers → bounded queue → consumers; totals,
                                        throughput, latency (Ctrl+C drains, twice forces)
  serve [--port P] [--host 127.0.0.1]   browser mode: the Corelab UI at a local URL

Workloads: cpu.primes, cpu.hash, cpu.mandelbrot, io.sleep, io.file, io.http, mixed,
           fault.throw, fault.exit, fault.hang, fault.oom, fault.flood
Models:    event-loop, worker-threads, child-process,
           python-multiprocessing, python-threading, python-asyncio
           (Python 3.8+: python3 on PATH, or CORELAB_PYTHON=/path/to/python)
`;

/** Runs one command and resolves with its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'info':
        return await infoCommand(rest);
      case 'run':
        return await runCommand(rest, availableParallelism());
      case 'sweep':
        return await sweepCommand(rest);
      case 'monitor':
        return await monitorCommand(rest);
      case 'pipeline':
        return await pipelineCommand(rest);
      case 'snapshots':
        return await snapshotsCommand(rest);
      case 'serve':
        return await runServe(rest);
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`corelab: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof LabError && error.code === 'invalid-argument') {
      process.stderr.write(`corelab: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`corelab: ${errorMessage(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
