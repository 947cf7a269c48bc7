// electron-builder configuration for the installers (`npm run dist`, README "Packaging and
// releases"): deb and AppImage on Linux, a per-user NSIS installer on Windows, a dmg on macOS.
// The version is package.json's. The app is only what electron-vite built (out/main,
// out/preload, out/renderer) plus package.json; electron-builder adds the production
// dependencies the main bundle imports. Fuses are set by scripts/after-pack.mjs.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** The deb's maintainer: CORELAB_MAINTAINER, else package.json's author if it has an email. */
function debMaintainer(env = process.env) {
  if (env.CORELAB_MAINTAINER) return env.CORELAB_MAINTAINER;
  const { author } = manifest;
  if (author && typeof author === 'object' && author.email)
    return `${author.name} <${author.email}>`;
  return 'Corelab contributors';
}

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'dev.corelab.app',
  productName: 'Corelab',
  copyright: 'Copyright © Corelab contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  // Python reads its package from disk, not from app.asar (src/main/worker-scripts.ts).
  extraResources: [{ from: 'src/python', to: 'python', filter: ['**/*.py'] }],
  // The worker scripts stay inside app.asar: they are self-contained bundles (node: imports
  // only), and Electron reads app.asar in worker threads and utility processes. Nothing is
  // unpacked, so the asar integrity check covers every script the app runs.
  asar: true,
  // No native modules: nothing to rebuild against Electron's headers (a download).
  npmRebuild: false,
  electronLanguages: ['en-US'],
  afterPack: './scripts/after-pack.mjs',
  // Installers go to the GitHub release through the workflow; the app has no auto-updater.
  publish: null,
  linux: {
    // The .deb first: only it can install the AppArmor profile Ubuntu 24.04+ needs.
    target: ['deb', 'AppImage'],
    category: 'Development',
    icon: 'build/icons',
    executableName: 'corelab',
    synopsis: manifest.description,
    description: manifest.description,
    maintainer: debMaintainer(),
  },
  deb: {
    // electron-builder's scripts plus an AppArmor profile, without which Ubuntu 24.04 and
    // later refuse the Chromium sandbox the app always runs in.
    afterInstall: 'build/linux/after-install.tpl',
    afterRemove: 'build/linux/after-remove.tpl',
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    // An assisted installer that installs for the current user by default (no admin rights;
    // "all users" stays an explicit choice) and lets the user pick the folder.
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};
