/** Starting the Python side (src/python), and ending it with everything it started. */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The command line that runs `program` of the Python side, the folder `script` (no program:
 * the worker). -I: isolated mode, so PYTHONPATH, user site-packages and the like cannot
 * change what runs. -B: no bytecode caches written beside the package, which in an installed
 * app is inside the signed bundle or a read-only folder.
 */
export function pythonArgs(script: string, ...program: string[]): string[] {
  return ['-I', '-B', script, ...program];
}

/**
 * Starts the Python worker. detached: its own process group, which killProcessGroup ends
 * whole, pool processes included.
 */
export function spawnPythonScript(pythonPath: string, script: string): ChildProcess {
  return spawn(pythonPath, pythonArgs(script), {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
}

const STDERR_TAIL_CHARS = 2000;

/**
 * Keeps the end of what `child` writes on stderr; the returned function gives its last
 * lines as one, to say why Python ended ('' when it wrote nothing).
 */
export function keepStderrTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    tail = (tail + text).slice(-STDERR_TAIL_CHARS);
  });
  return () => tail.trim().split('\n').slice(-3).join(' | ');
}

/** SIGKILLs the Python process group: the interpreter and every process it started. */
export function killProcessGroup(child: ChildProcess | null): void {
  const pid = child?.pid;
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') child?.kill('SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}
