// Decides whether the desktop app can start here, without require('electron'): that call
// tries to download the binary when it is missing, which hangs on a machine without network.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Why Electron cannot start on this machine, as one short phrase, or null when it can.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, platform: string }} where
 * @returns {string | null}
 */
export function electronUnavailableReason({ electronDir, env, platform }) {
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable && path.join(electronDir, 'dist', executable);
  if (!binary || !existsSync(binary)) {
    return 'the Electron binary is not installed (npm could not download it; `npx install-electron` fetches it where there is network)';
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return null;
}
