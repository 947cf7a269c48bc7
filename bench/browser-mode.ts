/**
 * What the browser benchmarks share: a real browser-mode server (`corelab serve`), and the
 * CPU time of the Chromium that Playwright started, read from /proc (Linux only).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A running `corelab serve` and its tokened URL. */
export interface BrowserModeServer {
  url: string;
  pid: number;
  stop(): void;
}

/** Starts browser mode and resolves with the tokened URL it prints. */
export async function serve(): Promise<BrowserModeServer> {
  const cli = fileURLToPath(new URL('../headless/cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

/** Chromium's process kinds, by the --type switch of each process ('browser' without one). */
export type ChromiumProcessKind = 'browser' | 'renderer' | 'gpu' | 'other';

/** CPU seconds used so far by each kind of Chromium process. */
export type ChromiumCpu = Record<ChromiumProcessKind, number>;

const TICKS_PER_SECOND = 100;

/** Every process's children, from each process's parent id in /proc/PID/stat. */
function processTree(): Map<number, number[]> {
  const tree = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      tree.set(parent, [...(tree.get(parent) ?? []), Number(name)]);
    } catch {
      // The process ended between listing and reading: it has nothing left to count.
    }
  }
  return tree;
}

function kindOf(pid: number): ChromiumProcessKind {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'renderer') return 'renderer';
  if (type === 'gpu-process') return 'gpu';
  return 'other';
}

/** utime + stime of one process, in seconds (fields 14 and 15 of /proc/PID/stat). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * The CPU time of every Chromium process this benchmark started: the descendants of this
 * process whose command is Chromium's, leaving out `excludePid`'s tree (the server and the
 * workers it spawns).
 */
export function chromiumCpu(excludePid: number): ChromiumCpu {
  const totals: ChromiumCpu = { browser: 0, renderer: 0, gpu: 0, other: 0 };
  const tree = processTree();
  const childrenOf = (pid: number): number[] => tree.get(pid) ?? [];
  const visit = (pid: number): void => {
    try {
      if (/chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) {
        totals[kindOf(pid)] += cpuSecondsOf(pid);
      }
    } catch {
      // It exited while we looked; what it used is gone with it.
    }
    for (const child of childrenOf(pid)) if (child !== excludePid) visit(child);
  };
  for (const child of childrenOf(process.pid)) if (child !== excludePid) visit(child);
  return totals;
}

/** The difference of two readings, in cores over `seconds` of wall time. */
export function chromiumCores(
  before: ChromiumCpu,
  after: ChromiumCpu,
  seconds: number,
): ChromiumCpu & { total: number } {
  const cores = (kind: ChromiumProcessKind): number => (after[kind] - before[kind]) / seconds;
  const result = {
    browser: cores('browser'),
    renderer: cores('renderer'),
    gpu: cores('gpu'),
    other: cores('other'),
  };
  return { ...result, total: result.browser + result.renderer + result.gpu + result.other };
}

/** A finished run as the page's WebSocket carried it: each model's wall time, in ms. */
export interface PageRunOutcome {
  wallMsByModel: Record<string, number>;
  /** The engine's measure of other programs' CPU during the run, in cores. */
  otherLoadCores: number | null;
  /** From the click on Run until the engine's run-done event arrived (hooks.onStart/onEnd). */
  elapsedMs: number;
}

/** What a benchmark asks the page to run: explicit sizes, so every run does the same work. */
export interface PageRunRequest {
  workload: string;
  models: readonly string[];
  /** Size params by their field label, e.g. { 'Upper bound (exclusive)': 20_000_000 }. */
  sizeByLabel: Record<string, number>;
  tasks: number;
}

/**
 * Sets the form as asked (Playwright's Page, typed loosely so that this module does not pin
 * a Playwright flavour) and runs it, resolving with the engine's wall times.
 */
export async function runInPage(
  page: import('playwright-core').Page,
  request: PageRunRequest,
  hooks: { onStart?: () => void; onEnd?: () => void } = {},
): Promise<PageRunOutcome> {
  await page.getByLabel('Workload', { exact: true }).selectOption(request.workload);
  for (const [label, value] of Object.entries(request.sizeByLabel)) {
    await page.getByLabel(label).fill(String(value));
  }
  await page.getByLabel('Tasks', { exact: true }).fill(String(request.tasks));
  for (const toggle of await page.locator('input[type=checkbox][data-model]').all()) {
    if (await toggle.isDisabled()) continue;
    const model = (await toggle.getAttribute('data-model')) ?? '';
    await toggle.setChecked(request.models.includes(model));
  }
  type Done = Pick<PageRunOutcome, 'wallMsByModel' | 'otherLoadCores'>;
  const done = new Promise<Done>((resolve) => {
    const onFrame = (payload: string | Buffer): void => {
      const text = payload.toString();
      if (!text.includes('"run-done"')) return;
      const message = JSON.parse(text) as {
        payload?: {
          type?: string;
          result?: {
            results: { model: string; wallMs: number }[];
            interference?: { otherLoadCores: number | null } | null;
          };
        };
      };
      const result = message.payload?.type === 'run-done' ? message.payload.result : undefined;
      if (!result) return;
      resolve({
        wallMsByModel: Object.fromEntries(result.results.map((r) => [r.model, r.wallMs])),
        otherLoadCores: result.interference?.otherLoadCores ?? null,
      });
    };
    for (const socket of sockets.get(page) ?? [])
      socket.on('framereceived', (f) => onFrame(f.payload));
  });
  // Let the form's own updates (and the estimate they ask for) settle before the clock.
  await page.waitForTimeout(1500);
  hooks.onStart?.();
  const startedAt = Date.now();
  await page.getByTestId('run-button').click();
  const outcome = await done;
  const elapsedMs = Date.now() - startedAt;
  hooks.onEnd?.();
  // The page is idle again once Run is enabled (its own models, if any, run after the engine's).
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-testid=run-button]')?.disabled,
  );
  return { ...outcome, elapsedMs };
}

const sockets = new WeakMap<object, import('playwright-core').WebSocket[]>();

/** Opens the app at `url`, keeping hold of its WebSocket, and waits for live samples. */
export async function openApp(page: import('playwright-core').Page, url: string): Promise<void> {
  page.on('websocket', (socket) => sockets.set(page, [...(sockets.get(page) ?? []), socket]));
  await page.goto(url);
  await page.getByTestId('run-button').waitFor();
  await page.waitForFunction(
    () =>
      Number(document.querySelector<HTMLElement>('[data-testid=core-chart]')?.dataset.samples) > 3,
  );
}
