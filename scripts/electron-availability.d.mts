/** Where Ubuntu's AppArmor says whether unprivileged user namespaces are refused. */
export const APPARMOR_USERNS_FILE: string;

/** The Electron executable `npm start` would run, and whether it is there. */
export function resolveElectronBinary(where: {
  electronDir: string;
  env: Record<string, string | undefined>;
  platform: string;
}): { binary: string; isPresent: boolean; isOverride: boolean };

/** Why Chromium's sandbox cannot start under Ubuntu's AppArmor rule, or null. */
export function appArmorReason(binary: string, restrictFile?: string): string | null;

/** Why an Electron that is present cannot start here (no display, AppArmor), or null. */
export function launchBlockedReason(where: {
  binary: string;
  env: Record<string, string | undefined>;
  platform: string;
  appArmorFile?: string;
}): string | null;

/** Why Electron cannot start on this machine, as one short phrase, or null when it can. */
export function electronUnavailableReason(where: {
  electronDir: string;
  env: Record<string, string | undefined>;
  platform: string;
  appArmorFile?: string;
}): string | null;
