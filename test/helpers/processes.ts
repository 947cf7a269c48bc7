/** Reads the real process table, to prove no worker process outlives its run. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Pids of the live (non-zombie) children of `pid`. */
export function childPids(pid: number = process.pid): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(pid)], {
      encoding: 'utf8',
    });
    return (
      out
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        // ps itself is a child of ours while it runs; leave it out.
        .filter(([p, stat, comm]) => p && stat && !stat.startsWith('Z') && comm !== 'ps')
        .map(([p]) => Number(p))
    );
  } catch {
    // ps exits 1 when no process matches: no children.
    return [];
  }
}

/** True while a process with this pid exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false;
  }
}

/** Polls until `check` holds or the timeout passes; resolves with the final answer. */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  everyMs = 25,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** The number of OS threads of this process (Linux: /proc/self/status), or null elsewhere. */
export function threadCount(): number | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^Threads:\s+(\d+)$/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    // No procfs (macOS, Windows): callers skip the thread check.
    return null;
  }
}

/** Every process below `pid`, children first: the Python interpreter and its pool. */
export function descendantPids(pid: number = process.pid): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    // ps itself is a child of ours while it runs; leave it out.
    .filter(([, , comm]) => comm !== 'ps')
    .map(([pid, ppid]) => [Number(pid), Number(ppid)] as const);
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const [child, ppid] of table) {
      if (ppid === parent && child !== parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}
