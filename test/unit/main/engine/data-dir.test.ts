import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  corelabDataDir,
  platformDataDir,
  snapshotDirIn,
} from '../../../../src/main/engine/data-dir';

const env = (vars: Record<string, string>, platform: NodeJS.Platform, home: string) => ({
  env: vars,
  platform,
  home,
});

describe('data folder', () => {
  it('follows XDG on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(platformDataDir(env({}, 'linux', '/home/ada'))).toBe('/home/ada/.local/share/corelab');
    expect(platformDataDir(env({ XDG_DATA_HOME: '/data/ada' }, 'linux', '/home/ada'))).toBe(
      '/data/ada/corelab',
    );
    expect(platformDataDir(env({ XDG_DATA_HOME: 'rel/dir' }, 'linux', '/home/ada'))).toBe(
      '/home/ada/.local/share/corelab',
    );
  });

  it('uses %APPDATA% on Windows and Application Support on macOS', () => {
    expect(
      platformDataDir(
        env({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada'),
      ),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Corelab');
    expect(platformDataDir(env({}, 'win32', 'C:\\Users\\ada'))).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Corelab',
    );
    expect(platformDataDir(env({}, 'darwin', '/Users/ada'))).toBe(
      '/Users/ada/Library/Application Support/Corelab',
    );
  });

  it('lets CORELAB_DATA_DIR override the app folder, which overrides the platform', () => {
    const linux = env({}, 'linux', '/home/ada');
    expect(corelabDataDir(undefined, linux)).toBe('/home/ada/.local/share/corelab');
    expect(corelabDataDir('/app/userData', linux)).toBe('/app/userData');
    expect(corelabDataDir('/app/userData', env({ CORELAB_DATA_DIR: '/tmp/x' }, 'linux', '/'))).toBe(
      path.resolve('/tmp/x'),
    );
    expect(snapshotDirIn('/tmp/x')).toBe(path.join('/tmp/x', 'snapshots'));
  });
});
