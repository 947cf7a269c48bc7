import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appArmorReason,
  electronUnavailableReason,
  resolveElectronBinary,
} from '../../../scripts/electron-availability.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A node_modules/electron folder, with or without its downloaded binary. */
function electronDir(hasBinary: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corelab-electron-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'path.txt'), 'electron');
  if (hasBinary) {
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
  }
  return dir;
}

describe('electronUnavailableReason', () => {
  it('says the binary is missing when npm could not download it', () => {
    const reason = electronUnavailableReason({
      electronDir: electronDir(false),
      env: { DISPLAY: ':0' },
      platform: 'linux',
    });
    expect(reason).toMatch(/binary is not installed; `npx install-electron`/);
  });

  it('says there is no display on a headless Linux', () => {
    const reason = electronUnavailableReason({
      electronDir: electronDir(true),
      env: {},
      platform: 'linux',
    });
    expect(reason).toMatch(/no display/);
  });

  it('lets Electron start with a binary and a display (X11 or Wayland), or off Linux', () => {
    const dir = electronDir(true);
    // Off Ubuntu's AppArmor rule, whatever the machine running the test has.
    const appArmorFile = path.join(tmpdir(), 'corelab-no-such-setting');
    expect(
      electronUnavailableReason({
        electronDir: dir,
        env: { DISPLAY: ':0' },
        platform: 'linux',
        appArmorFile,
      }),
    ).toBeNull();
    expect(
      electronUnavailableReason({
        electronDir: dir,
        env: { WAYLAND_DISPLAY: 'wayland-0' },
        platform: 'linux',
        appArmorFile,
      }),
    ).toBeNull();
    expect(electronUnavailableReason({ electronDir: dir, env: {}, platform: 'darwin' })).toBeNull();
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH where it is set', () => {
    const override = path.join(electronDir(true), 'dist');
    const bare = electronDir(false);
    expect(
      electronUnavailableReason({
        electronDir: bare,
        env: { ELECTRON_OVERRIDE_DIST_PATH: override },
        platform: 'win32',
      }),
    ).toBeNull();
    expect(
      electronUnavailableReason({
        electronDir: bare,
        env: { ELECTRON_OVERRIDE_DIST_PATH: path.join(bare, 'nowhere') },
        platform: 'win32',
      }),
    ).toMatch(/^ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at .*nowhere/);
  });

  it('finds the binary by platform before path.txt exists', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'corelab-electron-'));
    dirs.push(bare);
    expect(resolveElectronBinary({ electronDir: bare, env: {}, platform: 'win32' })).toEqual({
      binary: path.join(bare, 'dist', 'electron.exe'),
      isPresent: false,
      isOverride: false,
    });
  });
});

describe('appArmorReason', () => {
  /** A file standing in for /proc/sys/kernel/apparmor_restrict_unprivileged_userns. */
  function setting(value: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'corelab-apparmor-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'restrict'), `${value}\n`);
    return path.join(dir, 'restrict');
  }

  it('refuses an unconfigured sandbox helper where the rule is on', () => {
    const binary = path.join(electronDir(true), 'dist', 'electron');
    expect(appArmorReason(binary, setting('1'))).toMatch(/AppArmor.*sysctl/);
    expect(appArmorReason(binary, setting('0'))).toBeNull();
    expect(appArmorReason(binary, path.join(tmpdir(), 'corelab-no-such-setting'))).toBeNull();
  });

  it.skipIf(process.getuid?.() !== 0)(
    'accepts a setuid-root chrome-sandbox (needs root to make one)',
    () => {
      const dist = path.join(electronDir(true), 'dist');
      const helper = path.join(dist, 'chrome-sandbox');
      writeFileSync(helper, '');
      chownSync(helper, 0, 0);
      chmodSync(helper, 0o4755);
      expect(appArmorReason(path.join(dist, 'electron'), setting('1'))).toBeNull();
    },
  );
});
