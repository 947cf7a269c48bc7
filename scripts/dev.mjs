// `npm run dev`: electron-vite's dev server and Electron. electron-vite reads only
// ELECTRON_EXEC_PATH (or path.txt), so an ELECTRON_OVERRIDE_DIST_PATH is turned into it here.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveElectronBinary } from './electron-availability.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const { binary, isOverride } = resolveElectronBinary({
  electronDir: path.join(root, 'node_modules/electron'),
  env: process.env,
  platform: process.platform,
});
const env = isOverride ? { ...process.env, ELECTRON_EXEC_PATH: binary } : process.env;
const child = spawn(
  process.execPath,
  [
    path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
    'dev',
    ...process.argv.slice(2),
  ],
  { cwd: root, env, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
