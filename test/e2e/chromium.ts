/**
 * Playwright cannot download its own browser here, so the tests use Debian's Chromium when
 * Playwright's is absent. The flags are the ones that work as root in these containers.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Launch options: Playwright's own browser if installed, else the system Chromium. */
export function chromiumLaunchOptions(): LaunchOptions {
  let executablePath: string | undefined;
  try {
    if (!existsSync(chromium.executablePath())) executablePath = SYSTEM_CHROMIUM;
  } catch {
    // executablePath() throws when no browser is registered at all.
    executablePath = SYSTEM_CHROMIUM;
  }
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  };
}
