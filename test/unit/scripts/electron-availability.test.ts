import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronUnavailableReason } from '../../../scripts/electron-availability.mjs';

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
    expect(reason).toMatch(/binary is not installed/);
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
    expect(
      electronUnavailableReason({ electronDir: dir, env: { DISPLAY: ':0' }, platform: 'linux' }),
    ).toBeNull();
    expect(
      electronUnavailableReason({
        electronDir: dir,
        env: { WAYLAND_DISPLAY: 'wayland-0' },
        platform: 'linux',
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
    ).toMatch(/not installed/);
  });
});
