/**
 * The installer configuration, exercised offline: electron-builder packs the real build (out/)
 * for Linux as a folder, around a fake Electron download (test/fixtures/fake-electron-dist.ts),
 * with the real afterPack hook. What needs the network (Electron itself, the AppImage and deb
 * tools, the other platforms) runs in .github/workflows/release.yml.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config.mjs';
import { fuseWireOf, writeFakeLinuxElectronDist } from '../../fixtures/fake-electron-dist';

const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
let work: string;
let appDir: string;
let asarFiles: string[];

beforeAll(() => {
  // `npm test` builds first; a bare `vitest run` may not have.
  if (!BUILT.every((file) => existsSync(file))) {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
      stdio: 'pipe',
    });
  }
  work = mkdtempSync(path.join(tmpdir(), 'corelab-package-'));
  writeFakeLinuxElectronDist(path.join(work, 'electron'));
  execFileSync(
    process.execPath,
    [
      'node_modules/electron-builder/cli.js',
      '--linux',
      'dir',
      '--config',
      'electron-builder.config.mjs',
      `-c.electronDist=${path.join(work, 'electron')}`,
      `-c.directories.output=${path.join(work, 'dist')}`,
      '--publish',
      'never',
    ],
    { stdio: 'pipe', env: { ...process.env, CORELAB_TEST_BUILD: '' } },
  );
  appDir = path.join(work, 'dist', 'linux-unpacked');
  asarFiles = listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the electron-builder configuration', () => {
  it('names the app, its id, its categories and its icons', () => {
    expect(config).toMatchObject({
      appId: 'dev.corelab.app',
      productName: 'Corelab',
      linux: { category: 'Development', target: ['deb', 'AppImage'], icon: 'build/icons' },
      mac: { category: 'public.app-category.developer-tools', icon: 'build/icon.icns' },
      win: { icon: 'build/icon.ico' },
    });
    for (const icon of ['build/icons', 'build/icon.icns', 'build/icon.ico']) {
      expect(existsSync(icon), icon).toBe(true);
    }
  });

  it('makes a per-user Windows installer that lets the user choose the folder', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
  });
});

describe('the .deb scripts', () => {
  /** A script template rendered the way electron-builder's FpmTarget does. */
  function rendered(template: string): string {
    const values: Record<string, string> = {
      executable: 'corelab',
      sanitizedProductName: 'Corelab',
    };
    return readFileSync(template, 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`macro ${name} is not defined`);
      return values[name]!;
    });
  }

  it.each([config.deb!.afterInstall!, config.deb!.afterRemove!])('%s is valid bash', (template) => {
    const script = path.join(work, path.basename(template, '.tpl'));
    writeFileSync(script, rendered(template));
    execFileSync('bash', ['-n', script]);
  });

  it('installs an AppArmor profile that lets the installed binary use user namespaces', () => {
    const script = rendered(config.deb!.afterInstall!);
    expect(script).toContain('profile corelab /opt/Corelab/corelab flags=(unconfined) {');
    expect(script).toContain('  userns,');
    expect(rendered(config.deb!.afterRemove!)).toContain("rm -f '/etc/apparmor.d/corelab'");
  });
});

describe('a Linux package built offline', () => {
  it('holds only the built app, package.json and production dependencies', () => {
    const appFiles = asarFiles.filter((file) => !file.startsWith(path.sep + 'node_modules'));
    const outside = appFiles.filter(
      (file) => !/^[/\\](package\.json|out([/\\](main|preload|renderer)([/\\].*)?)?)$/.test(file),
    );
    expect(outside).toEqual([]);
    for (const file of BUILT) expect(appFiles).toContain(path.sep + path.normalize(file));
    expect(asarFiles.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(asarFiles).toContain(path.join(path.sep, 'node_modules', 'zod', 'package.json'));
  });

  it('keeps the worker scripts inside app.asar (nothing unpacked)', () => {
    expect(
      asarFiles.filter((file) => /out[/\\]main[/\\]chunks[/\\].+\.js$/.test(file)),
    ).not.toEqual([]);
    expect(existsSync(path.join(appDir, 'resources', 'app.asar.unpacked'))).toBe(false);
  });

  it('ships the Python side as a folder beside app.asar, its sources only', () => {
    const sources = (root: string): string[] =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((file) => !file.split(path.sep).includes('__pycache__'))
        .filter((file) => file.endsWith('.py'))
        .sort();
    const shipped = path.join(appDir, 'resources', 'python');
    expect(sources(shipped)).toEqual(sources('src/python'));
    expect(sources(shipped)).toContain('__main__.py');
    expect(readdirSync(shipped, { recursive: true, encoding: 'utf8' }).sort()).toEqual(
      [...sources(shipped), 'corelab'].sort(),
    );
  });

  it('takes its name, entry and version from package.json', () => {
    const packaged = JSON.parse(
      extractFile(path.join(appDir, 'resources', 'app.asar'), 'package.json').toString('utf8'),
    );
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(packaged).toMatchObject({
      name: manifest.name,
      version: manifest.version,
      main: 'out/main/index.js',
    });
  });

  it('packs a preload that is one file requiring only electron, as a sandboxed preload must', () => {
    const source = readFileSync('out/preload/index.cjs', 'utf8');
    const required = [...source.matchAll(/\brequire\((['"])([^'"]+)\1\)/g)].map(
      (match) => match[2],
    );
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(asarFiles.filter((file) => file.includes(`${path.sep}preload${path.sep}`))).toEqual([
      path.join(path.sep, 'out', 'preload', 'index.cjs'),
    ]);
  });

  it('ran the afterPack hook: release fuses on the executable', async () => {
    expect(await fuseWireOf(path.join(appDir, 'corelab'))).toBe('000001001');
  });

  it('ships English only', () => {
    expect(readdirSync(path.join(appDir, 'locales'))).toEqual(['en-US.pak']);
  });
});
