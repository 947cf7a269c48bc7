/** The corelab command line: info, run, sweep, fit, monitor, pipeline, live, snapshots, serve. */
import { availableParallelism } from 'node:os';
import { errorMessage, LabError } from '../shared/errors';
import { APP_VERSION } from '../main/engine/app-version';
import { UsageError } from './cli-args';
import { fitCommand } from './commands/fit';
import { USAGE, commandUsage, isCommand } from './cli-usage';
import { infoCommand } from './commands/info';
import { liveCommand } from './commands/live';
import { monitorCommand } from './commands/monitor';
import { pipelineCommand } from './commands/pipeline';
import { runCommand } from './commands/run';
import { snapshotsCommand } from './commands/snapshots';
import { sweepCommand } from './commands/sweep';
import { runServe } from './serve-command';
import { terminalSafe } from './tty';

const HELP_FLAGS = ['--help', '-h'];

/** Runs one command and resolves with its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    process.stdout.write(`corelab ${APP_VERSION}\n`);
    return 0;
  }
  // `corelab run --help` and `corelab help run`: that command's usage only, on stdout.
  const helpFor = command === 'help' ? rest[0] : command;
  if (isCommand(helpFor) && (command === 'help' || rest.some((a) => HELP_FLAGS.includes(a)))) {
    process.stdout.write(commandUsage(helpFor));
    return 0;
  }
  try {
    switch (command) {
      case 'info':
        return await infoCommand(rest);
      case 'run':
        return await runCommand(rest, availableParallelism());
      case 'sweep':
        return await sweepCommand(rest);
      case 'fit':
        return await fitCommand(rest);
      case 'monitor':
        return await monitorCommand(rest);
      case 'pipeline':
        return await pipelineCommand(rest);
      case 'live':
        return await liveCommand(rest);
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
      const usage = isCommand(command) ? commandUsage(command) : USAGE;
      process.stderr.write(`corelab: ${terminalSafe(error.message)}\n\n${usage}`);
      return 2;
    }
    if (error instanceof LabError && error.code === 'invalid-argument') {
      process.stderr.write(`corelab: ${terminalSafe(error.message)}\n`);
      return 2;
    }
    process.stderr.write(`corelab: ${terminalSafe(errorMessage(error))}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
