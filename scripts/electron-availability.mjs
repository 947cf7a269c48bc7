// Decides whether the desktop app can start here, without require('electron'): that call
// tries to download the binary when it is missing, which hangs on a machine without network.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where Electron's installer puts the executable inside dist/, per platform (install.js). */
const PLATFORM_PATHS = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/** Ubuntu 23.10+ sets this to 1: unprivileged user namespaces are refused to unconfined apps. */
export const APPARMOR_USERNS_FILE = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/**
 * The Electron executable `npm start` would run, the way electron/index.js finds it, and
 * whether it is there. ELECTRON_OVERRIDE_DIST_PATH names a dist folder of the user's own.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, platform: string }} where
 * @returns {{ binary: string, isPresent: boolean, isOverride: boolean }}
 */
export function resolveElectronBinary({ electronDir, env, platform }) {
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (PLATFORM_PATHS[platform] ?? 'electron');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = path.join(override || path.join(electronDir, 'dist'), executable);
  return { binary, isPresent: existsSync(binary), isOverride: Boolean(override) };
}

/**
 * Why Chromium's sandbox cannot start under Ubuntu's AppArmor rule, or null: the rule is on
 * and the binary's chrome-sandbox helper is not setuid root (the dev binary's never is; the
 * .deb installs an AppArmor profile instead).
 * @param {string} binary
 * @param {string} [restrictFile]
 * @returns {string | null}
 */
export function appArmorReason(binary, restrictFile = APPARMOR_USERNS_FILE) {
  let restricted;
  try {
    restricted = readFileSync(restrictFile, 'utf8').trim() === '1';
  } catch {
    // No such setting: not Ubuntu's AppArmor, nothing refuses the sandbox.
    return null;
  }
  if (!restricted) return null;
  const helper = path.join(path.dirname(binary), 'chrome-sandbox');
  const stat = existsSync(helper) ? statSync(helper) : null;
  if (stat && stat.uid === 0 && (stat.mode & 0o4000) !== 0) return null;
  return (
    "AppArmor refuses Chromium's sandbox the user namespaces it needs " +
    '(kernel.apparmor_restrict_unprivileged_userns=1); run ' +
    '`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or install the .deb, ' +
    'which brings its own AppArmor profile'
  );
}

/**
 * Why an Electron that is present cannot start here (no display, AppArmor), or null.
 * @param {{ binary: string, env: Record<string, string | undefined>, platform: string, appArmorFile?: string }} where
 * @returns {string | null}
 */
export function launchBlockedReason({ binary, env, platform, appArmorFile }) {
  if (platform !== 'linux') return null;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset); set one, or use `xvfb-run -a npm start`';
  }
  return appArmorReason(binary, appArmorFile);
}

/**
 * Why Electron cannot start on this machine without installing anything, as one short
 * phrase with its remedy, or null when it can.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, platform: string, appArmorFile?: string }} where
 * @returns {string | null}
 */
export function electronUnavailableReason({ electronDir, env, platform, appArmorFile }) {
  const { binary, isPresent, isOverride } = resolveElectronBinary({ electronDir, env, platform });
  if (!isPresent) {
    return isOverride
      ? `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${binary}; point it at an unpacked Electron`
      : 'the Electron binary is not installed; `npx install-electron` fetches it where there is network';
  }
  return launchBlockedReason({ binary, env, platform, appArmorFile });
}
