import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import afterPack, {
  fuseConfig,
  packagedBinaryPath,
  type PackContext,
} from '../../../scripts/after-pack.mjs';
import { fuseWireOf, writeFakeElectronBinary } from '../../fixtures/fake-electron-dist';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An AfterPackContext for a Linux build whose binary is a fake with default fuses. */
function linuxContext(): PackContext {
  const appOutDir = mkdtempSync(path.join(tmpdir(), 'corelab-after-pack-'));
  dirs.push(appOutDir);
  writeFakeElectronBinary(path.join(appOutDir, 'corelab'));
  return {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { appInfo: { productFilename: 'Corelab' }, executableName: 'corelab' },
  };
}

describe('fuseConfig', () => {
  it('turns off RunAsNode, NODE_OPTIONS, inspect and cookie encryption, and turns on asar-only (checklist 19)', () => {
    const release = fuseConfig({ platform: 'linux', isTestBuild: false });
    expect(release[FuseV1Options.RunAsNode]).toBe(false);
    expect(release[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(release[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(release[FuseV1Options.EnableCookieEncryption]).toBe(false);
    expect(release[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(release[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('validates the embedded asar hash where Electron supports it: macOS and Windows', () => {
    const asarIntegrity = (platform: string) =>
      fuseConfig({ platform, isTestBuild: false })[
        FuseV1Options.EnableEmbeddedAsarIntegrityValidation
      ];
    expect([asarIntegrity('darwin'), asarIntegrity('win32'), asarIntegrity('linux')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('leaves only the inspect arguments on in a test build, for Playwright', () => {
    const release = fuseConfig({ platform: 'win32', isTestBuild: false });
    const test = fuseConfig({ platform: 'win32', isTestBuild: true });
    expect(test).toEqual({ ...release, [FuseV1Options.EnableNodeCliInspectArguments]: true });
  });
});

describe('packagedBinaryPath', () => {
  it('names the app bundle, the exe or the Linux executable', () => {
    const context = (electronPlatformName: string): PackContext => ({
      appOutDir: '/out',
      electronPlatformName,
      arch: 1,
      packager: { appInfo: { productFilename: 'Corelab' }, executableName: 'corelab' },
    });
    expect(packagedBinaryPath(context('darwin'))).toBe(path.join('/out', 'Corelab.app'));
    expect(packagedBinaryPath(context('win32'))).toBe(path.join('/out', 'Corelab.exe'));
    expect(packagedBinaryPath(context('linux'))).toBe(path.join('/out', 'corelab'));
  });
});

describe('the afterPack hook', () => {
  it('writes the release fuses into the packaged binary', async () => {
    const context = linuxContext();
    const binary = path.join(context.appOutDir, 'corelab');
    expect(await fuseWireOf(binary)).toBe('101000011');
    await afterPack(context, {});
    // RunAsNode 0, cookies 0, NODE_OPTIONS 0, inspect 0, asar hash 0 (Linux), asar only 1,
    // browser snapshot 0, file:// privileges 0; a fuse it does not know stays as it was.
    expect(await fuseWireOf(binary)).toBe('000001001');
  });

  it('keeps the inspect arguments on when CORELAB_TEST_BUILD=1', async () => {
    const context = linuxContext();
    await afterPack(context, { CORELAB_TEST_BUILD: '1' });
    expect(await fuseWireOf(path.join(context.appOutDir, 'corelab'))).toBe('000101001');
  });
});
