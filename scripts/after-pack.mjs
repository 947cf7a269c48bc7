// electron-builder's afterPack hook: flips the Electron fuses of the packaged binary with
// @electron/fuses, after the app is copied in and before anything is signed, so the OS's code
// signing then keeps them from being flipped back (https://www.electronjs.org/docs/latest/tutorial/fuses).
//
// CORELAB_TEST_BUILD=1 makes a test build: the same fuses except that Node's inspect
// arguments stay on, because Playwright's _electron.launch attaches through --inspect. Such a
// build is for end-to-end tests only; the release workflow never sets it.
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

/** electron-builder's Arch.arm64 (builder-util's enum), the one macOS arch with an ad-hoc signature. */
const ARCH_ARM64 = 3;

/**
 * The fuses for one platform. Embedded asar integrity exists on macOS and Windows only (where
 * electron-builder writes the hash the fuse checks); elsewhere it stays off.
 * @param {{ platform: string, isTestBuild: boolean }} build
 */
export function fuseConfig({ platform, isTestBuild }) {
  return {
    version: FuseVersion.V1,
    // Off: no one can run the signed app as a plain Node (ELECTRON_RUN_AS_NODE). It also
    // turns off child_process.fork, hence src/main/release-build.ts.
    [FuseV1Options.RunAsNode]: false,
    // Off: Corelab stores no cookies, and on macOS the encryption key lives in the Keychain,
    // so an unsigned build would ask the user for Keychain access for nothing (SECURITY.md).
    [FuseV1Options.EnableCookieEncryption]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: isTestBuild,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]:
      platform === 'darwin' || platform === 'win32',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The UI comes from app://, so file:// needs none of its old privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/**
 * The packaged Electron binary in `appOutDir`: Corelab.app (fuses reads the framework inside),
 * Corelab.exe, or the Linux executable.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName: string } }} context
 */
export function packagedBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** The hook itself: electron-builder calls it once per platform and arch. */
export default async function afterPack(context, env = process.env) {
  const isTestBuild = env.CORELAB_TEST_BUILD === '1';
  const binary = packagedBinaryPath(context);
  await flipFuses(binary, {
    ...fuseConfig({ platform: context.electronPlatformName, isTestBuild }),
    // Flipping a fuse invalidates the ad-hoc signature every arm64 macOS binary must carry.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && context.arch === ARCH_ARM64,
  });
  console.log(
    `  • fuses set on ${path.basename(binary)}${isTestBuild ? ' (test build: inspect arguments on)' : ''}`,
  );
}
