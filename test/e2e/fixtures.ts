/** A real browser-mode server (`corelab serve`) per test worker, and its tokened URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export interface ServerInfo {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** The server's CORELAB_DATA_DIR: a temp folder, so tests never touch the user's snapshots. */
  dataDir: string;
}

/** Starts `node out/headless/cli.js serve --port 0` and waits for the URL it prints. */
export async function startServe(): Promise<ServerInfo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'corelab-e2e-'));
  const child = spawn(process.execPath, [resolve('out/headless/cli.js'), 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CORELAB_DATA_DIR: dataDir },
  });
  const url = await new Promise<string>((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`serve printed no URL: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    process: child,
    dataDir,
  };
}

export const test = base.extend<object, { server: ServerInfo }>({
  server: [
    // Playwright requires the object pattern even when a fixture uses no other fixture.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServe();
      await use(server);
      server.process.kill('SIGTERM');
      await new Promise((r) => server.process.once('exit', r));
      rmSync(server.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
