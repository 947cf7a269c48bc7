/** The shell's exit code for a command ended by a signal: 128 plus its number. */
import { constants } from 'node:os';

/** 130 for SIGINT, 143 for SIGTERM: a caller can tell Ctrl+C from a service stop. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
