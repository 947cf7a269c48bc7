/** Runs the built CLI as a person would, with an optional data folder of the test's own. */
import { spawnSync } from 'node:child_process';
import { cliPath } from './built';

/** What one CLI run printed and how it ended. */
export interface CliOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `corelab ARGS` to its end; CORELAB_DATA_DIR is `dataDir` when given. */
export function runCli(args: string[], dataDir?: string): CliOutcome {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: dataDir === undefined ? process.env : { ...process.env, CORELAB_DATA_DIR: dataDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
