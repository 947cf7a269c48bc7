/**
 * Finds the Python interpreter the Python models run on: CORELAB_PYTHON if set, else the
 * platform's usual command (`py -3`, then `python3`, on Windows; `python3` elsewhere). Asks it
 * for its version and whether it is a free-threaded build. Only called when something needs
 * the answer, never at start-up alone.
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

/** One way to start Python, and how a reason names it. */
interface Candidate {
  command: string;
  args: string[];
  label: string;
}

/**
 * The commands to try, in order. On Windows the `py` launcher comes first: `python3` there is
 * often the Store's alias, which opens the Store instead of running anything.
 */
export function pythonCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Candidate[] {
  const configured = env.CORELAB_PYTHON?.trim();
  if (configured) return [{ command: configured, args: [], label: `CORELAB_PYTHON=${configured}` }];
  const python3 = { command: 'python3', args: [], label: 'python3 on PATH' };
  return platform === 'win32'
    ? [{ command: 'py', args: ['-3'], label: 'py -3 (the Python launcher)' }, python3]
    : [python3];
}

/**
 * Why macOS's own /usr/bin/python3 must not be run, or null: without the Command Line Tools
 * it is a stub that opens a dialog offering to install them.
 */
function macStubReason(candidate: Candidate, platform: NodeJS.Platform): Promise<string | null> {
  if (platform !== 'darwin' || candidate.command !== 'python3') return Promise.resolve(null);
  return new Promise((resolve) =>
    execFile('/usr/bin/xcode-select', ['-p'], { timeout: PROBE_TIMEOUT_MS }, (error) =>
      resolve(
        error
          ? `${candidate.label}: is macOS's placeholder, which would ask to install the Command Line Tools; install Python 3 or set CORELAB_PYTHON`
          : null,
      ),
    ),
  );
}

/** Tries each candidate in turn; the first that runs Python 3.8+ wins, else the first reason. */
async function detect(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<PythonInfo> {
  let first: PythonInfo | null = null;
  for (const candidate of pythonCandidates(env, platform)) {
    const stub = await macStubReason(candidate, platform);
    const info = stub
      ? unavailable(candidate.command, stub)
      : await probe(candidate.command, candidate.args, candidate.label);
    if (info.available) return info;
    first ??= info;
  }
  return first!;
}

/**
 * Detects the interpreter `env` names (CORELAB_PYTHON, or the platform's usual command),
 * once: every engine of the process shares the answer.
 */
export function detectPython(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<PythonInfo> {
  const key = `${platform}:${env.CORELAB_PYTHON?.trim() ?? ''}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = detect(env, platform);
    cache.set(key, pending);
  }
  return pending;
}

function unavailable(command: string, reason: string, version: string | null = null): PythonInfo {
  return { available: false, path: command, version, isFreeThreaded: false, reason };
}

/** Runs the probe script on `command` and turns every way it can fail into one sentence. */
function probe(command: string, args: string[], label: string): Promise<PythonInfo> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args, '-c', PROBE],
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
