import type { FuseV1Config } from '@electron/fuses';

/** The fuses for one platform; test builds keep Node's inspect arguments for Playwright. */
export function fuseConfig(build: { platform: string; isTestBuild: boolean }): FuseV1Config;

/** What the hook reads from electron-builder's AfterPackContext. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

/** The packaged Electron binary in `appOutDir`. */
export function packagedBinaryPath(context: PackContext): string;

/** electron-builder's afterPack hook: flips the fuses of the packaged binary. */
export default function afterPack(
  context: PackContext,
  env?: Record<string, string | undefined>,
): Promise<void>;
