// `npm start`: the desktop app where Electron can run; otherwise one line saying why, then
// browser mode (`corelab serve`), whose URL it prints. Arguments go to `corelab serve`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronUnavailableReason } from './electron-availability.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const electronVite = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');

/** Runs a build step; exits with its status if it fails. */
function build(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs the long-lived child until it exits, then exits with its status. */
function runUntilExit(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  // Ctrl+C reaches the child from the terminal itself (same process group); forwarding it
  // too would be a second Ctrl+C, which means "quit at once". Just outlive the child.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const reason = electronUnavailableReason({
  electronDir: path.join(root, 'node_modules/electron'),
  env: process.env,
  platform: process.platform,
});

if (reason === null) {
  // electron-vite preview builds main, preload and renderer, then launches Electron.
  runUntilExit([electronVite, 'preview', '--logLevel', 'warn']);
} else {
  console.log(`Corelab: ${reason}; starting browser mode instead.`);
  build([electronVite, 'build', '--logLevel', 'warn']);
  build(['scripts/build-headless.mjs']);
  runUntilExit(['out/headless/cli.js', 'serve', ...process.argv.slice(2)]);
}
