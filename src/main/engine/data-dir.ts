/**
 * Where Corelab keeps its files: CORELAB_DATA_DIR when set, else the folder the desktop app
 * is given (Electron's userData), else the platform's per-user data folder.
 */
import os from 'node:os';
import path from 'node:path';

/** What the data folder depends on; the process's own values by default. */
export interface DataDirEnv {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
}

const processEnv = (): DataDirEnv => ({
  env: process.env,
  platform: process.platform,
  home: os.homedir(),
});

/** The platform's per-user data folder for Corelab (XDG on Linux and the BSDs). */
export function platformDataDir({ env, platform, home }: DataDirEnv): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Corelab');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Corelab');
  }
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const dataHome =
    xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, 'corelab');
}

/** Corelab's data folder: CORELAB_DATA_DIR, else `appDataDir` (the desktop app's), else the platform's. */
export function corelabDataDir(appDataDir?: string, dataEnv: DataDirEnv = processEnv()): string {
  const override = dataEnv.env.CORELAB_DATA_DIR;
  if (override) return path.resolve(override);
  return appDataDir ?? platformDataDir(dataEnv);
}

/** The snapshot folder inside a data folder. */
export function snapshotDirIn(dataDir: string): string {
  return path.join(dataDir, 'snapshots');
}
