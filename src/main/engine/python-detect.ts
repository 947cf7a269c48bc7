/**
 * Finds the Python interpreter the Python models run on: CORELAB_PYTHON if set, else
 * `python3` on PATH. Asks it for its version and whether it is a free-threaded build.
 */
import { execFile } from 'node:child_process';

/** What the engine knows about the interpreter it would run. */
export interface PythonInfo {
  available: boolean;
  /** The interpreter's own sys.executable when it ran, else the command that was tried. */
  path: string;
  /** e.g. "3.11.7"; null when it could not be asked. */
  version: string | null;
  /** A free-threaded build with the GIL off (3.13+ `python3.13t`): threads run in parallel. */
  isFreeThreaded: boolean;
  /** Why the Python models cannot use it; null when available. */
  reason: string | null;
}

export const MIN_PYTHON: readonly [number, number] = [3, 8];
const PROBE_TIMEOUT_MS = 10_000;

// Runs on any Python, 2.7 included, so that an old one is named rather than failing oddly.
const PROBE = [
  'import json, sys',
  'gil = getattr(sys, "_is_gil_enabled", lambda: True)()',
  'print(json.dumps({"executable": sys.executable, "version": list(sys.version_info[:3]), "gil": gil}))',
].join('\n');

const cache = new Map<string, Promise<PythonInfo>>();

/**
 * Detects the interpreter named by `env` (CORELAB_PYTHON, or python3 on PATH), once per
 * command: every engine of the process shares the answer.
 */
export function detectPython(env: NodeJS.ProcessEnv = process.env): Promise<PythonInfo> {
  const configured = env.CORELAB_PYTHON?.trim();
  const command = configured || 'python3';
  const label = configured ? `CORELAB_PYTHON=${configured}` : 'python3 on PATH';
  let pending = cache.get(command);
  if (!pending) {
    pending = probe(command, label);
    cache.set(command, pending);
  }
  return pending;
}

function unavailable(command: string, reason: string, version: string | null = null): PythonInfo {
  return { available: false, path: command, version, isFreeThreaded: false, reason };
}

/** Runs the probe script on `command` and turns every way it can fail into one sentence. */
function probe(command: string, label: string): Promise<PythonInfo> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['-c', PROBE],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return resolve(unavailable(command, `${label}: not found`));
          if (code === 'EACCES') return resolve(unavailable(command, `${label}: not executable`));
          if (error.killed) {
            return resolve(
              unavailable(command, `${label}: did not answer within ${PROBE_TIMEOUT_MS / 1000} s`),
            );
          }
          const detail = stderr.trim().split('\n').pop() || error.message;
          return resolve(unavailable(command, `${label}: did not run as Python (${detail})`));
        }
        resolve(parseProbe(command, label, stdout));
      },
    );
  });
}

/** Reads the probe's one JSON line and checks the version. */
function parseProbe(command: string, label: string, stdout: string): PythonInfo {
  let answer: { executable?: unknown; version?: unknown; gil?: unknown };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch {
    return unavailable(command, `${label}: did not run as Python (it printed no version)`);
  }
  const parts = Array.isArray(answer.version) ? answer.version.map(Number) : [];
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n))) {
    return unavailable(command, `${label}: did not run as Python (it printed no version)`);
  }
  const [major, minor] = parts as [number, number, number];
  const version = parts.join('.');
  const isRecentEnough =
    major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]);
  if (!isRecentEnough) {
    return unavailable(
      command,
      `${label}: is Python ${version}; need ${MIN_PYTHON.join('.')}+`,
      version,
    );
  }
  const executable = typeof answer.executable === 'string' && answer.executable !== '';
  return {
    available: true,
    // The real interpreter, not a shim (pyenv's python3 is a shell script that costs ~50 ms).
    path: executable ? (answer.executable as string) : command,
    version,
    isFreeThreaded: answer.gil === false,
    reason: null,
  };
}
