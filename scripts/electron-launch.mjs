// The decisions of `npm start`, apart from the commands they run, so that each one can be
// tried with small stand-in commands: install Electron when it is missing and the network
// allows, refuse what cannot start (no display, AppArmor), launch, and treat a launch that
// dies within its first seconds as "cannot start here".
import { spawn } from 'node:child_process';
import { launchBlockedReason, resolveElectronBinary } from './electron-availability.mjs';

/** A launch that ends with an error sooner than this never opened a usable window. */
export const EARLY_EXIT_MS = 5_000;
/** Electron's download is about 100 MB; a stalled one should not hold `npm start` for ever. */
export const INSTALL_TIMEOUT_MS = 300_000;
const PROGRESS_EVERY_MS = 5_000;

/**
 * The last line of a process's output that says something (a stack's "at …" frames do not),
 * shortened for a one-line reason.
 */
function lastLine(text) {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const line = lines.filter((l) => l && !l.startsWith('at ')).at(-1) ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** How a process ended, in words. */
function howEnded(code, signal) {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/**
 * Runs Electron's installer (`command`), printing a progress line while it downloads.
 * Resolves with null once it succeeded, or with why it did not (offline, timed out).
 * @param {{ command: string[], timeoutMs: number, cwd?: string, progress: (line: string) => void }} options
 * @returns {Promise<string | null>}
 */
export function runInstaller({ command, timeoutMs, cwd, progress }) {
  return new Promise((resolve) => {
    const startMs = Date.now();
    const [file, ...args] = command;
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => (output = (output + chunk).slice(-4096));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    progress('downloading the Electron binary (first start only, about 100 MB)…');
    const ticker = setInterval(
      () => progress(`still downloading Electron… ${Math.round((Date.now() - startMs) / 1000)} s`),
      PROGRESS_EVERY_MS,
    );
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (reason) => {
      clearInterval(ticker);
      clearTimeout(timer);
      resolve(reason);
    };
    child.on('error', (error) => keep(`\n${error.message}`));
    child.on('close', (code, signal) => {
      if (isTimedOut) {
        finish(`downloading Electron took longer than ${Math.round(timeoutMs / 1000)} s`);
      } else if (code === 0) {
        finish(null);
      } else {
        const detail = lastLine(output);
        finish(
          `Electron could not be downloaded (installer ${howEnded(code, signal)}${detail ? `: ${detail}` : ''})`,
        );
      }
    });
  });
}

/**
 * Starts the launcher and watches its first `earlyExitMs`: an error exit in that window is
 * a failed start, reported with the last line it wrote to stderr (which is passed through).
 * @param {{ command: string, args: string[], env: Record<string, string | undefined>, cwd?: string, earlyExitMs: number, stderr: (chunk: Buffer) => void }} options
 * @returns {Promise<{ reason: string } | { exitCode: Promise<number>, child: import('node:child_process').ChildProcess }>}
 */
export function launchWatched({ command, args, env, cwd, earlyExitMs, stderr }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['inherit', 'inherit', 'pipe'] });
    let errorText = '';
    child.stderr.on('data', (chunk) => {
      errorText = (errorText + chunk).slice(-4096);
      stderr(chunk);
    });
    // A command that cannot start emits 'error' (its message kept), then 'close'.
    child.on('error', (error) => (errorText += `\n${error.message}`));
    const exitCode = new Promise((settle) => {
      child.on('close', (code, signal) => settle(code ?? (signal ? 1 : 0)));
    });
    let isEarly = true;
    const timer = setTimeout(() => {
      isEarly = false;
      resolve({ exitCode, child });
    }, earlyExitMs);
    child.on('close', (code, signal) => {
      if (!isEarly) return;
      clearTimeout(timer);
      if (code === 0) {
        // A clean quit (the window was closed at once): that was Electron, and it is over.
        resolve({ exitCode, child });
        return;
      }
      const detail = lastLine(errorText);
      resolve({
        reason: `Electron ${howEnded(code, signal)} within ${Math.round(earlyExitMs / 1000)} s of starting${detail ? ` (${detail})` : ''}; see the lines above`,
      });
    });
  });
}

/**
 * Everything `npm start` decides before it commits to a mode.
 * @param {{
 *   electronDir: string,
 *   env: Record<string, string | undefined>,
 *   platform: string,
 *   appArmorFile?: string,
 *   installCommand: string[],
 *   installTimeoutMs?: number,
 *   launcher: (binary: string) => { command: string, args: string[] },
 *   earlyExitMs?: number,
 *   cwd?: string,
 *   progress?: (line: string) => void,
 *   stderr?: (chunk: Buffer) => void,
 * }} options
 * @returns {Promise<{ mode: 'electron', exitCode: Promise<number>, child: import('node:child_process').ChildProcess } | { mode: 'browser', reason: string }>}
 */
export async function startDesktop(options) {
  const { electronDir, env, platform, cwd } = options;
  let found = resolveElectronBinary({ electronDir, env, platform });
  if (!found.isPresent && found.isOverride) {
    const reason = `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${found.binary}; point it at an unpacked Electron`;
    return { mode: 'browser', reason };
  }
  if (!found.isPresent) {
    const failed = await runInstaller({
      command: options.installCommand,
      timeoutMs: options.installTimeoutMs ?? INSTALL_TIMEOUT_MS,
      cwd,
      progress: options.progress ?? (() => undefined),
    });
    found = resolveElectronBinary({ electronDir, env, platform });
    if (failed || !found.isPresent) {
      const why = failed ?? `the installer left no executable at ${found.binary}`;
      return {
        mode: 'browser',
        reason: `${why}; run \`npx install-electron\` where there is network, then \`npm start\``,
      };
    }
  }
  const blocked = launchBlockedReason({
    binary: found.binary,
    env,
    platform,
    appArmorFile: options.appArmorFile,
  });
  if (blocked) return { mode: 'browser', reason: blocked };
  const { command, args } = options.launcher(found.binary);
  const launched = await launchWatched({
    command,
    args,
    cwd,
    // electron-vite starts what ELECTRON_EXEC_PATH names; it does not read the override.
    env: { ...env, ELECTRON_EXEC_PATH: found.binary },
    earlyExitMs: options.earlyExitMs ?? EARLY_EXIT_MS,
    stderr: options.stderr ?? (() => undefined),
  });
  return 'reason' in launched
    ? { mode: 'browser', ...launched }
    : { mode: 'electron', ...launched };
}
