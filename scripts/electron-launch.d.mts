import type { ChildProcess } from 'node:child_process';

export const EARLY_EXIT_MS: number;
export const INSTALL_TIMEOUT_MS: number;

/** Runs Electron's installer; resolves with null on success, or why it failed. */
export function runInstaller(options: {
  command: string[];
  timeoutMs: number;
  cwd?: string;
  progress: (line: string) => void;
}): Promise<string | null>;

/** Starts the launcher; an error exit within `earlyExitMs` is a failed start. */
export function launchWatched(options: {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd?: string;
  earlyExitMs: number;
  stderr: (chunk: Buffer) => void;
}): Promise<{ reason: string } | { exitCode: Promise<number>; child: ChildProcess }>;

/** Everything `npm start` decides before it commits to a mode. */
export function startDesktop(options: {
  electronDir: string;
  env: Record<string, string | undefined>;
  platform: string;
  appArmorFile?: string;
  installCommand: string[];
  installTimeoutMs?: number;
  launcher: (binary: string) => { command: string; args: string[] };
  earlyExitMs?: number;
  cwd?: string;
  progress?: (line: string) => void;
  stderr?: (chunk: Buffer) => void;
}): Promise<
  | { mode: 'electron'; exitCode: Promise<number>; child: ChildProcess }
  | { mode: 'browser'; reason: string }
>;
