/**
 * Every decision of `npm start` (scripts/electron-launch.mjs), each ending in Electron or in
 * browser mode. Small real Node scripts stand in for the two commands it runs, Electron's
 * installer and the launcher (electron-vite preview): they are processes that exit, hang,
 * write files and print, as those commands would. Nothing here runs or imitates Electron.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktop } from '../../../scripts/electron-launch.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corelab-start-'));
  dirs.push(dir);
  return dir;
}

/** node_modules/electron as npm leaves it: without dist/ until the binary is downloaded. */
function electronDir(hasBinary: boolean): string {
  const dir = tempDir();
  if (hasBinary) writeBinary(path.join(dir, 'dist'));
  return dir;
}

function writeBinary(distDir: string): string {
  mkdirSync(distDir, { recursive: true });
  const binary = path.join(distDir, 'electron');
  writeFileSync(binary, '');
  chmodSync(binary, 0o755);
  return binary;
}

/** A `node -e` command line. */
const node = (code: string): string[] => [process.execPath, '-e', code];

/** A launcher that writes the ELECTRON_EXEC_PATH it was given to `record`, then lives on. */
function recordingLauncher(record: string, liveMs: number, exitCode = 0) {
  return () => {
    const [command, ...args] = node(
      `require('fs').writeFileSync(${JSON.stringify(record)}, process.env.ELECTRON_EXEC_PATH ?? '');` +
        `setTimeout(() => process.exit(${exitCode}), ${liveMs});`,
    );
    return { command: command!, args };
  };
}

/** An installer that fails the way Electron's does offline. */
const offlineInstaller = node(
  "console.error('TypeError: fetch failed'); console.error('    at FetchDownloader.download'); process.exit(1);",
);

/** An installer that does what Electron's does online: unpack dist/, write path.txt. */
function workingInstaller(dir: string): string[] {
  return node(
    `const fs = require('fs'), p = require('path'), dir = ${JSON.stringify(dir)};` +
      "fs.mkdirSync(p.join(dir, 'dist'), { recursive: true });" +
      "fs.writeFileSync(p.join(dir, 'dist', 'electron'), '');" +
      "fs.writeFileSync(p.join(dir, 'path.txt'), 'electron');",
  );
}

const display = { DISPLAY: ':0' };
const noAppArmor = path.join(tmpdir(), 'corelab-no-such-apparmor-setting');

describe('startDesktop (npm start)', () => {
  it('launches the installed binary, handing its path to electron-vite', async () => {
    const dir = electronDir(true);
    const record = path.join(tempDir(), 'exec-path');
    const decision = await startDesktop({
      electronDir: dir,
      env: display,
      platform: 'linux',
      appArmorFile: noAppArmor,
      installCommand: node('process.exit(9)'),
      launcher: recordingLauncher(record, 600),
      earlyExitMs: 300,
    });
    expect(decision.mode).toBe('electron');
    if (decision.mode !== 'electron') return;
    expect(await decision.exitCode).toBe(0);
    expect(readFileSync(record, 'utf8')).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('installs a missing binary with a progress line, then launches it', async () => {
    const dir = electronDir(false);
    const record = path.join(tempDir(), 'exec-path');
    const progress: string[] = [];
    const decision = await startDesktop({
      electronDir: dir,
      env: display,
      platform: 'linux',
      appArmorFile: noAppArmor,
      installCommand: workingInstaller(dir),
      launcher: recordingLauncher(record, 600),
      earlyExitMs: 300,
      progress: (line) => progress.push(line),
    });
    expect(decision.mode).toBe('electron');
    expect(progress[0]).toMatch(/downloading the Electron binary/);
    expect(readFileSync(record, 'utf8')).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('starts browser mode offline, with the installer’s reason and the remedy', async () => {
    const decision = await startDesktop({
      electronDir: electronDir(false),
      env: display,
      platform: 'linux',
      installCommand: offlineInstaller,
      launcher: () => ({ command: process.execPath, args: ['-e', 'process.exit(5)'] }),
    });
    expect(decision).toEqual({
      mode: 'browser',
      reason:
        'Electron could not be downloaded (installer exited with code 1: TypeError: fetch failed); ' +
        'run `npx install-electron` where there is network, then `npm start`',
    });
  });

  it('gives up on a download that outlasts its timeout', async () => {
    const startMs = Date.now();
    const decision = await startDesktop({
      electronDir: electronDir(false),
      env: display,
      platform: 'linux',
      installCommand: node('setTimeout(() => undefined, 60_000)'),
      installTimeoutMs: 400,
      launcher: () => ({ command: process.execPath, args: [] }),
    });
    expect(decision.mode).toBe('browser');
    expect(decision.mode === 'browser' && decision.reason).toMatch(
      /downloading Electron took longer than 0 s; run `npx install-electron`/,
    );
    expect(Date.now() - startMs).toBeLessThan(5_000);
  });

  it('launches the binary ELECTRON_OVERRIDE_DIST_PATH names, without installing', async () => {
    const override = tempDir();
    const binary = writeBinary(override);
    const record = path.join(tempDir(), 'exec-path');
    const decision = await startDesktop({
      electronDir: electronDir(false),
      env: { ...display, ELECTRON_OVERRIDE_DIST_PATH: override },
      platform: 'linux',
      appArmorFile: noAppArmor,
      installCommand: offlineInstaller,
      launcher: recordingLauncher(record, 500),
      earlyExitMs: 250,
    });
    expect(decision.mode).toBe('electron');
    expect(readFileSync(record, 'utf8')).toBe(binary);
  });

  it('starts browser mode when the override names no binary, without installing', async () => {
    const installed = path.join(tempDir(), 'installer-ran');
    const decision = await startDesktop({
      electronDir: electronDir(false),
      env: { ...display, ELECTRON_OVERRIDE_DIST_PATH: path.join(tempDir(), 'nowhere') },
      platform: 'linux',
      installCommand: node(`require('fs').writeFileSync(${JSON.stringify(installed)}, '')`),
      launcher: () => ({ command: process.execPath, args: [] }),
    });
    expect(decision.mode === 'browser' && decision.reason).toMatch(
      /^ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at .*nowhere\/electron/,
    );
    expect(() => readFileSync(installed)).toThrow();
  });

  it('starts browser mode where AppArmor refuses the sandbox, naming the sysctl', async () => {
    const setting = path.join(tempDir(), 'apparmor_restrict_unprivileged_userns');
    writeFileSync(setting, '1\n');
    const launched = path.join(tempDir(), 'launched');
    const decision = await startDesktop({
      electronDir: electronDir(true),
      env: display,
      platform: 'linux',
      appArmorFile: setting,
      installCommand: offlineInstaller,
      launcher: recordingLauncher(launched, 0),
    });
    expect(decision.mode === 'browser' && decision.reason).toMatch(
      /^AppArmor refuses Chromium's sandbox.*sudo sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0.*\.deb/,
    );
    expect(() => readFileSync(launched)).toThrow();
  });

  it('launches where the AppArmor rule is off', async () => {
    const setting = path.join(tempDir(), 'apparmor_restrict_unprivileged_userns');
    writeFileSync(setting, '0\n');
    const decision = await startDesktop({
      electronDir: electronDir(true),
      env: display,
      platform: 'linux',
      appArmorFile: setting,
      installCommand: offlineInstaller,
      launcher: recordingLauncher(path.join(tempDir(), 'launched'), 400),
      earlyExitMs: 200,
    });
    expect(decision.mode).toBe('electron');
  });

  it('starts browser mode on a Linux without a display', async () => {
    const decision = await startDesktop({
      electronDir: electronDir(true),
      env: {},
      platform: 'linux',
      installCommand: offlineInstaller,
      launcher: () => ({ command: process.execPath, args: [] }),
    });
    expect(decision.mode === 'browser' && decision.reason).toMatch(
      /^there is no display.*xvfb-run/,
    );
  });

  it('starts browser mode when the launch dies early, quoting its last error line', async () => {
    const stderr: string[] = [];
    const decision = await startDesktop({
      electronDir: electronDir(true),
      env: display,
      platform: 'linux',
      appArmorFile: noAppArmor,
      installCommand: offlineInstaller,
      launcher: () => ({
        command: process.execPath,
        args: [
          '-e',
          "console.error('FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly.'); process.exit(133);",
        ],
      }),
      earlyExitMs: 3_000,
      stderr: (chunk) => stderr.push(String(chunk)),
    });
    expect(decision.mode === 'browser' && decision.reason).toMatch(
      /^Electron exited with code 133 within 3 s of starting \(FATAL:setuid_sandbox_host.*SUID sandbox helper/,
    );
    // What it printed still reaches the terminal.
    expect(stderr.join('')).toContain('SUID sandbox helper');
  });

  it('keeps Electron when its launch fails only after the early window', async () => {
    const decision = await startDesktop({
      electronDir: electronDir(true),
      env: display,
      platform: 'linux',
      appArmorFile: noAppArmor,
      installCommand: offlineInstaller,
      launcher: recordingLauncher(path.join(tempDir(), 'launched'), 500, 3),
      earlyExitMs: 200,
    });
    expect(decision.mode).toBe('electron');
    expect(decision.mode === 'electron' && (await decision.exitCode)).toBe(3);
  });
});
